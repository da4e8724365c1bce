import { FakeSlack } from '../support/fake-slack';
import { RateLimits } from '../support/fake-slack/rate-limits';

const TOKEN = 'xoxb-test-token';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start({ token: TOKEN });
  fake.addChannel({ id: 'CGENERAL', name: 'general' });
});
afterEach(async () => fake.stop());

/** A Web API call as the wire carries it, so the status and headers can be read. */
async function call(method: string, args: Record<string, unknown>) {
  const response = await fetch(`${fake.url}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(args),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

const create = (i: number) => call('conversations.create', { name: `inc-${i}` });

describe("the fake Slack's rate limits", () => {
  it('are off unless turned on: every call is answered', async () => {
    for (let i = 0; i < 25; i++) expect((await create(i)).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await call('chat.postMessage', { channel: 'CGENERAL', text: 'hi' })).status).toBe(200);
  });

  it('refuse the 21st channel creation of a minute with HTTP 429 and Retry-After, and do nothing for it', async () => {
    fake.limitRates();
    for (let i = 0; i < 20; i++) expect((await create(i)).status).toBe(200);
    const refused = await create(20);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ ok: false, error: 'ratelimited' });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(59);
    expect(fake.channel('inc-20')).toBeUndefined();
    // Each Tier 2 method has its own count.
    const invite = await call('conversations.invite', { channel: fake.channel('inc-0')!.id, users: 'UALICE' });
    expect(invite.status).not.toBe(429);
    expect(fake.rateLimited()).toEqual([expect.objectContaining({ method: 'conversations.create', channel: '' })]);
  });

  it('let a channel take a short burst of posts, then refuse the next one, each channel on its own', async () => {
    fake.addChannel({ id: 'COTHER', name: 'other' });
    // Slack's clock slowed down a thousandfold: however slow this machine, no post is earned back meanwhile.
    fake.limitRates({ timeScale: 0.001 });
    const post = (channel: string) => call('chat.postMessage', { channel, text: 'hi' });
    for (let i = 0; i < 3; i++) expect((await post('CGENERAL')).status).toBe(200);
    const refused = await post('CGENERAL');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(1);
    expect((await post('COTHER')).status).toBe(200);
    expect(fake.messages('CGENERAL')).toHaveLength(3);
  });

  it('count a call made again at once after its 429 as retried too early', async () => {
    fake.limitRates();
    for (let i = 0; i < 20; i++) await create(i);
    await create(20);
    await create(20);
    expect(fake.earlyRetries()).toEqual([expect.objectContaining({ method: 'conversations.create' })]);
  });
});

describe('rate limits on a clock', () => {
  it('a channel earns a post back every second', () => {
    let now = 0;
    const limits = new RateLimits({}, () => now);
    const post = () => limits.take('chat.postMessage', { channel: 'C1', text: 'hi' });
    expect([post(), post(), post()]).toEqual([undefined, undefined, undefined]);
    expect(post()).toBe(1);
    now = 1_000;
    expect(post()).toBeUndefined();
    expect(post()).toBe(1);
  });

  it('a retry after Retry-After is no violation; the same call earlier is', () => {
    let now = 0;
    const limits = new RateLimits({}, () => now);
    for (let i = 0; i < 20; i++) expect(limits.take('conversations.create', { name: `a${i}` })).toBeUndefined();
    now = 30_000;
    expect(limits.take('conversations.create', { name: 'late' })).toBe(30);
    now = 45_000;
    expect(limits.take('conversations.create', { name: 'late' })).toBe(15);
    now = 60_001;
    expect(limits.take('conversations.create', { name: 'late' })).toBeUndefined();
    expect(limits.earlyRetries().map((r) => r.retriedAt)).toEqual([45_000]);
  });

  it('with Slack time running ten times faster, a Slack minute passes in six seconds', () => {
    let now = 0;
    const limits = new RateLimits({ timeScale: 10 }, () => now);
    for (let i = 0; i < 20; i++) limits.take('conversations.invite', { channel: `C${i}` });
    expect(limits.take('conversations.invite', { channel: 'C20' })).toBe(6);
    now = 6_001;
    expect(limits.take('conversations.invite', { channel: 'C20' })).toBeUndefined();
    expect(limits.earlyRetries()).toEqual([]);
  });
});
