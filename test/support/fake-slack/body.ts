import { multipartBoundary, parseMultipart, type Part } from './multipart';

/** Arguments whose values the WebClient JSON-encodes inside form fields. */
const NESTED_JSON = ['blocks', 'attachments', 'view', 'files', 'metadata'];

export class MalformedBody extends Error {}

/**
 * Reads Web API arguments from a request the way Slack does: form-encoded (what the WebClient
 * sends, with nested objects as JSON strings), JSON, or multipart; plus the URL's query string.
 * Nested JSON fields are decoded; one that does not parse stays a string for the method to refuse.
 */
export function readArgs(
  contentType: string | undefined,
  raw: Buffer,
  query: URLSearchParams,
): Record<string, unknown> {
  const args: Record<string, unknown> = Object.fromEntries(query);
  Object.assign(args, bodyFields(contentType, raw));
  for (const key of NESTED_JSON) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      // left as a string: the method answers with its own format error
    }
  }
  return args;
}

function bodyFields(contentType: string | undefined, raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new MalformedBody('invalid_json');
    }
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  }
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    const fields: Record<string, unknown> = {};
    for (const part of parseMultipart(raw, boundary))
      fields[part.name] = part.filename === undefined ? part.data.toString('utf8') : part.data;
    return fields;
  }
  // Slack reads anything else as a form body, as does the fake.
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

/**
 * The file bytes of a POST to an upload URL: the file part of a multipart body (what the
 * WebClient sends), else the body itself.
 */
export function uploadedBytes(contentType: string | undefined, raw: Buffer): Buffer {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return raw;
  const parts: Part[] = parseMultipart(raw, boundary);
  const file =
    parts.find((p) => p.filename !== undefined) ??
    parts.find((p) => p.name === 'file' || p.name === 'body') ??
    parts[0];
  return file?.data ?? Buffer.alloc(0);
}
