import { TrackerError } from './tracker.port';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  /** Taken out of any reason quoted back (a tracker echoing a header would otherwise leak it). */
  secrets: string[];
  fetch?: typeof fetch | undefined;
}

const REASON_MAX = 300;

/** The text a tracker's error answer gives, from the fields GitHub, Jira and Linear put it in. */
function reasonOf(body: unknown, fallback: string): string {
  if (!body || typeof body !== 'object') return fallback;
  const b = body as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof b.message === 'string') parts.push(b.message);
  if (Array.isArray(b.errorMessages)) parts.push(...b.errorMessages.filter((m): m is string => typeof m === 'string'));
  if (b.errors && typeof b.errors === 'object' && !Array.isArray(b.errors))
    parts.push(...Object.entries(b.errors).map(([field, message]) => `${field}: ${String(message)}`));
  if (Array.isArray(b.errors))
    for (const e of b.errors) {
      if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
        parts.push((e as { message: string }).message);
    }
  return parts.length > 0 ? parts.join('; ') : fallback;
}

/** The reason as it may be shown and logged: one line, short, no secret in it. */
export function cleanReason(reason: string, secrets: readonly string[]): string {
  let text = reason.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text;
}

function networkReason(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection dropped';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return code ? `network error (${code})` : 'network error';
}

/** One JSON request to a tracker; its answer's JSON on success, else a TrackerError. */
export async function trackerRequest<T>(call: HttpCall): Promise<T> {
  const send = call.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(call.url, {
      method: call.method,
      headers: {
        'user-agent': 'Commander-Trackers/1',
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      // A redirect would carry the token somewhere the policy does not name.
      redirect: 'manual',
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    throw new TrackerError(null, networkReason(error));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new TrackerError(null, networkReason(error));
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status >= 200 && response.status < 300) return body as T;
  const retryAfter = response.headers.get('retry-after');
  throw new TrackerError(
    response.status,
    cleanReason(reasonOf(body, response.statusText || `HTTP ${response.status}`), call.secrets),
    retryAfter && /^\d{1,6}$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined,
  );
}
