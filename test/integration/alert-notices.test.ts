import { sendGeneric } from '../support/alert-sender';
import { type Harness, type HarnessOptions, PEOPLE, startHarness } from '../support/harness';
import { freshPostgresDatabase } from '../support/postgres';

/**
 * A notify route's notice is durable like a declaration's set-up: Slack failing the post for longer
 * than the client retries, or the process stopping before it, delays the notice but never loses it,
 * and a post whose answer was lost is found rather than made twice.
 */
const SECRET = 'deploy-bot-secret-0123456789';
const ALERTS_CHANNEL = 'CALERTS01';
const POLICY = {
  oncall: [{ name: 'platform', users: [PEOPLE.bob] }],
  alerts: {
    sources: [{ name: 'deploy-bot', secret: SECRET }],
    routes: [{ match: { severity: 'warning' }, action: 'notify', channel: ALERTS_CHANNEL }],
  },
};
/** Retries as in production (three), but without waiting. */
const FAST_RETRIES = { retryConfig: { retries: 3, factor: 1, minTimeout: 1, maxTimeout: 1 } };

const WARNING = { title: 'Queue is backing up', severity: 'warning', description: 'Lag 5 minutes', dedupKey: 'queue' };

let h: Harness;
let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;

async function start(engine: 'SQLite' | 'PostgreSQL', options: HarnessOptions = {}) {
  database = engine === 'PostgreSQL' ? await freshPostgresDatabase() : undefined;
  h = await startHarness({ policy: POLICY, ...options, ...(database ? { databaseUrl: database.url } : {}) });
  h.fake.addChannel({ id: ALERTS_CHANNEL, name: 'alerts' });
}
afterEach(async () => {
  await h?.stop();
  await database?.close();
  database = undefined;
});

const notices = () => h.fake.messages(ALERTS_CHANNEL);
const okPosts = () => h.fake.okCalls('chat.postMessage').filter((c) => c.args.channel === ALERTS_CHANNEL);

describe.each(['SQLite', 'PostgreSQL'] as const)('a notify route on %s', (engine) => {
  it('a notice Slack fails for longer than the client retries is posted once Slack is back, once', async () => {
    await start(engine, { clientOptions: FAST_RETRIES });
    // The first attempt and its three retries, then the next tick's four.
    h.fake.fail('chat.postMessage', { status: 500 }, 8);
    expect((await sendGeneric(h, WARNING, SECRET)).status).toBe(202);
    expect(notices()).toHaveLength(0);
    // A repeat of the alert is a repeat: it neither posts nor loses the notice.
    await sendGeneric(h, WARNING, SECRET);
    await h.tick();
    expect(notices()).toHaveLength(0);

    h.clock.advance(30_000);
    await h.tick();
    expect(notices().map((m) => m.text)).toEqual([expect.stringContaining('Queue is backing up')]);
    expect(notices()[0]?.metadata).toEqual({ event_type: 'commander_post', event_payload: { alert_notice: 1 } });

    h.clock.advance(60 * 60_000);
    await h.tick();
    await sendGeneric(h, WARNING, SECRET);
    expect(notices()).toHaveLength(1);
    expect(okPosts()).toHaveLength(1);
  });

  it('a notice the process stopped before posting is posted at the next start', async () => {
    await start(engine);
    // The tests' client does not retry: the one attempt fails, as if the process had stopped there.
    h.fake.fail('chat.postMessage', { status: 500 });
    await sendGeneric(h, WARNING, SECRET);
    expect(notices()).toHaveLength(0);

    await h.restart();
    expect(notices().map((m) => m.text)).toEqual([expect.stringContaining('Queue is backing up')]);
    await h.tick();
    expect(okPosts()).toHaveLength(1);
  });
});

describe('a notice whose answer Slack lost', () => {
  it('is found by its metadata, not posted again by the retry', async () => {
    await start('SQLite', { clientOptions: FAST_RETRIES });
    h.fake.fail('chat.postMessage', { drop: 'after_work' });
    await sendGeneric(h, WARNING, SECRET);
    await h.tick();
    expect(notices()).toHaveLength(1);
    expect(h.fake.calls('chat.postMessage').filter((c) => c.args.channel === ALERTS_CHANNEL)).toHaveLength(1);
  });

  it('is found by the next attempt when the first could not look either', async () => {
    await start('SQLite');
    h.fake.fail('chat.postMessage', { drop: 'after_work' });
    h.fake.fail('conversations.history', { status: 500 });
    await sendGeneric(h, WARNING, SECRET);
    expect(notices()).toHaveLength(1);

    await h.tick();
    await h.tick();
    expect(notices()).toHaveLength(1);
    expect(h.fake.okCalls('conversations.history').map((c) => c.args.include_all_metadata)).toEqual(['true']);
  });
});

describe('a notice Slack rate-limited', () => {
  it('is posted no sooner than Slack asked, though its first retry would come at the next tick', async () => {
    // A client that hands the 429 back rather than waiting it out, as the lookups' client does.
    await start('SQLite', { clientOptions: { rejectRateLimitedCalls: true } });
    h.fake.fail('chat.postMessage', { status: 429, retryAfter: 2 * 60 }, 1, (args) => args.channel === ALERTS_CHANNEL);
    await sendGeneric(h, WARNING, SECRET);
    await h.tick();
    h.clock.advance(2 * 60_000 - 1_000);
    await h.tick();
    expect(notices()).toHaveLength(0);
    h.clock.advance(1_000);
    await h.tick();
    expect(notices().map((m) => m.text)).toEqual([expect.stringContaining('Queue is backing up')]);
  });
});
