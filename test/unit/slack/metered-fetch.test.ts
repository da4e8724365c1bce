import { meteredFetch, type SlackCallOutcome } from '../../../src/slack/transport/metered-fetch';

/** A fetch that answers every request with `body` and `status`. */
const answering = (body: string, status = 200, headers: Record<string, string> = {}) =>
  (async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } })) as typeof fetch;

async function call(body: string, status = 200, headers: Record<string, string> = {}) {
  const seen: Array<[string, SlackCallOutcome]> = [];
  const f = meteredFetch((method, outcome) => seen.push([method, outcome]), answering(body, status, headers));
  const response = await f('https://slack.com/api/chat.postMessage', { method: 'POST' });
  return { seen, response };
}

describe('the metered fetch', () => {
  it('counts an ok answer and an error answer, and hands the caller the very bytes Slack sent', async () => {
    const ok = await call('{"ok":true,"channel":"C1","ts":"1.2"}');
    expect(ok.seen).toEqual([['chat.postMessage', 'ok']]);
    expect(await ok.response.json()).toEqual({ ok: true, channel: 'C1', ts: '1.2' });
    const error = await call('{"ok":false,"error":"channel_not_found"}');
    expect(error.seen).toEqual([['chat.postMessage', 'error']]);
    expect(await error.response.text()).toBe('{"ok":false,"error":"channel_not_found"}');
  });

  it('reads ok where Slack did not write it first, and says error for an answer that is not JSON', async () => {
    expect((await call('{"channel":"C1","ok":true}')).seen).toEqual([['chat.postMessage', 'ok']]);
    expect((await call('%PDF-1.4 …')).seen).toEqual([['chat.postMessage', 'error']]);
  });

  it('keeps the status, headers and address the client reads', async () => {
    const { response } = await call('{"ok":true}', 200, { 'x-oauth-scopes': 'chat:write' });
    expect([response.status, response.headers.get('x-oauth-scopes')]).toEqual([200, 'chat:write']);
    const limited = await call('{"ok":false,"error":"ratelimited"}', 429, { 'retry-after': '3' });
    expect(limited.seen).toEqual([['chat.postMessage', 'rate_limited']]);
    expect(limited.response.headers.get('retry-after')).toBe('3');
  });
});
