import type { FetchFunction } from '@slack/web-api';

export type SlackCallOutcome = 'ok' | 'error' | 'rate_limited' | 'http_error' | 'network_error';

/** Told about every Web API request: method, outcome, seconds taken. */
export type SlackCallObserver = (method: string, outcome: SlackCallOutcome, seconds: number) => void;

const METHOD = /^[a-z]+(\.[a-zA-Z]+)+$/;

/** Slack writes `ok` first in every answer: reading its first bytes tells, without parsing the whole. */
const OK_FIRST = /^\s*\{\s*"ok"\s*:\s*(true|false)\b/;

/** Slack's answer says `"ok":true` (an answer that is not such JSON, e.g. a file, says no). */
function okIn(bytes: ArrayBuffer): boolean {
  const head = OK_FIRST.exec(Buffer.from(bytes, 0, Math.min(64, bytes.byteLength)).toString('utf8'));
  if (head) return head[1] === 'true';
  try {
    return (JSON.parse(Buffer.from(bytes).toString('utf8')) as { ok?: unknown } | null)?.ok === true;
  } catch {
    return false;
  }
}

/**
 * The fetch every Web API client (ours and Bolt's) sends through, so each HTTP request to Slack is
 * counted and timed where it happens, including retries and 429s, without touching the callers.
 */
export function meteredFetch(observe: SlackCallObserver, base: typeof fetch = globalThis.fetch): FetchFunction {
  return async (url, init) => {
    const href = typeof url === 'string' ? url : url.href;
    const last = href.slice(href.lastIndexOf('/') + 1).split('?')[0] ?? '';
    const method = METHOD.test(last) ? last : 'other';
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let response: Response;
    try {
      response = await base(url, init as RequestInit);
    } catch (error) {
      observe(method, 'network_error', seconds());
      throw error;
    }
    if (response.status === 429) observe(method, 'rate_limited', seconds());
    else if (response.status !== 200) observe(method, 'http_error', seconds());
    else {
      // Read once and handed on as the same bytes (a clone would tee the body), its `ok` read from its head.
      const bytes = await response.arrayBuffer();
      observe(method, okIn(bytes) ? 'ok' : 'error', seconds());
      const copy = new Response(bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(copy, 'url', { value: response.url });
      return copy;
    }
    return response;
  };
}
