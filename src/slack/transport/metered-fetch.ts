import type { FetchFunction } from '@slack/web-api';

export type SlackCallOutcome = 'ok' | 'error' | 'rate_limited' | 'http_error' | 'network_error';

/** Told about every Web API request: method, outcome, seconds taken. */
export type SlackCallObserver = (method: string, outcome: SlackCallOutcome, seconds: number) => void;

const METHOD = /^[a-z]+(\.[a-zA-Z]+)+$/;

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
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { ok?: unknown } | null;
      observe(method, body?.ok === true ? 'ok' : 'error', seconds());
    }
    return response;
  };
}
