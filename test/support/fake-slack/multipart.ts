export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a `multipart/form-data; boundary=…` content type, if it is one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Splits a multipart/form-data body into its parts. Small and strict enough for what fetch's
 * FormData sends (the WebClient's upload of a Buffer); not a general-purpose parser.
 */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    // "--boundary--" closes the body.
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    const raw = body.subarray(afterDelimiter + 2, next - 2); // drop the CRLFs around the part
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const part = partFrom(raw.subarray(0, headerEnd).toString('utf8'), raw.subarray(headerEnd + 4));
      if (part) parts.push(part);
    }
    start = next;
  }
  return parts;
}

function partFrom(headerText: string, data: Buffer): Part | undefined {
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
  const contentType = headers.get('content-type');
  return { name, data, ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}) };
}
