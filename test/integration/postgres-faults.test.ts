import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fixture } from '../support/alert-sender';
import { startAppProcess, type RunningApp } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { BOT_TOKEN, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { type OwnPostgres, startOwnPostgres } from '../support/own-postgres';
import { freshPostgresDatabase } from '../support/postgres';
import { SilentProxy } from '../support/silent-proxy';
import { SlackUser } from '../support/slack-user';
import { declareIncident } from './flows';

/**
 * Commander on a PostgreSQL that fails the ways production ones do: paused or cut off (it stops
 * answering), gone (connections refused), or refusing writes (a managed service whose storage is
 * full). Each test reaches the run's shared server through its own proxy or its own database, so
 * the failure is this test's alone.
 */

const AM_TOKEN = 'am-token-0123456789abcdef';
const UNAVAILABLE = "Commander's database is unavailable";

/** The promise's value, or a failure naming what did not answer in time. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const health = async (origin: string) => {
  const response = await fetch(`${origin}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
};

/** Everything a person was told in answer to commands: acks, response_url posts and ephemerals. */
const told = (fake: FakeSlack, ...acks: unknown[]) =>
  JSON.stringify([...acks, ...fake.responses().map((r) => r.body), ...fake.ephemerals()]);

describe('the app as a process, when PostgreSQL stops answering (paused, or cut off)', () => {
  let fake: FakeSlack;
  let app: RunningApp | undefined;
  let proxy: SilentProxy | undefined;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  afterEach(async () => {
    await app?.stop();
    await proxy?.stop();
    await database?.close();
    await fake?.stop();
  });

  it('answers /healthz 503 within 10 s, acknowledges /incident help at once, refuses alerts with 503 and tells a command it is the database', async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
    for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name, tz: 'Europe/London' });
    fake.addChannel({ id: 'CGENERAL', name: 'general' });
    database = await freshPostgresDatabase();
    const routed = await SilentProxy.before(database.url);
    proxy = routed.proxy;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-pg-faults-'));
    fs.writeFileSync(
      path.join(dir, 'commander.yml'),
      `alerts:\n  sources:\n    - name: prod-alertmanager\n      token: ${AM_TOKEN}\n  routes:\n    - match: {}\n      action: declare\n      severity: SEV1\n      commander: ${PEOPLE.bob}\n`,
    );
    app = await startAppProcess({
      fake,
      env: { DATABASE_URL: routed.url, COMMANDER_CONFIG: path.join(dir, 'commander.yml') },
    });
    const running = app;
    const person = (userId: string) =>
      new SlackUser({ url: () => running.eventsUrl, secret: SIGNING_SECRET, fake, userId, afterEach: async () => {} });

    const { triggerId } = await person(PEOPLE.alice).command('declare Checkout down');
    const view = await until(
      'the declare form opens',
      () => fake.views().find((v) => v.trigger_id === triggerId),
      10_000,
    );
    await person(PEOPLE.alice).submit(view, { severity: 'SEV1', impact: 'Checkout fails', commander: PEOPLE.bob });
    const channelId = await until(
      'the incident channel is made',
      () => fake.okCalls('conversations.create')[0]?.response.channel.id as string | undefined,
      10_000,
    );
    expect((await health(app.origin)).status).toBe(200);

    proxy.silence();
    expect(await within(10_000, '/healthz', health(app.origin))).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 'database unavailable' }),
    });
    // Carol's first request since the start: remembering her name must not hold up the answer.
    const help = await within(3_000, '/incident help', person(PEOPLE.carol).command('help'));
    expect(help.status).toBe(200);
    expect(help.json.text).toContain('Commands:');

    const [status, alert] = await Promise.all([
      within(3_500, '/incident status', person(PEOPLE.bob).command('status', channelId)),
      within(
        20_000,
        'the alert',
        fetch(`${app.origin}/alerts/alertmanager`, {
          method: 'POST',
          headers: { authorization: `Bearer ${AM_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(fixture('alertmanager-firing.json')),
        }),
      ),
    ]);
    expect(alert.status).toBe(503);
    expect(status.status).toBe(200);
    const answer = await until(
      'bob is told why /incident status failed',
      () => (told(fake, status.json).includes(UNAVAILABLE) ? told(fake, status.json) : undefined),
      20_000,
    );
    expect(answer).not.toContain('Slack answered');
  }, 90_000);
});

describe('the app as a process, when its PostgreSQL server is paused (SIGSTOP to every process of it)', () => {
  let fake: FakeSlack | undefined;
  let app: RunningApp | undefined;
  let server: OwnPostgres | undefined;
  afterEach(async () => {
    await app?.stop();
    await server?.stop();
    await fake?.stop();
  });

  it('answers /healthz 503 within 10 s and still acknowledges /incident help, then recovers when it goes on', async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
    for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name, tz: 'Europe/London' });
    server = await startOwnPostgres();
    app = await startAppProcess({ fake, env: { DATABASE_URL: server.url } });
    const running = app;
    const person = (userId: string) =>
      new SlackUser({
        url: () => running.eventsUrl,
        secret: SIGNING_SECRET,
        fake: fake!,
        userId,
        afterEach: async () => {},
      });
    expect((await health(app.origin)).status).toBe(200);

    server.signal('SIGSTOP');
    const started = Date.now();
    expect(await within(10_000, '/healthz', health(app.origin))).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 'database unavailable' }),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const help = await within(3_000, '/incident help', person(PEOPLE.carol).command('help'));
    expect(help.status).toBe(200);
    expect(help.json.text).toContain('Commands:');

    server.signal('SIGCONT');
    await until(
      'healthy again',
      async () => ((await health(running.origin)).status === 200 ? true : undefined),
      20_000,
    );
  }, 90_000);
});

describe('Commander on a PostgreSQL that is gone or refuses writes', () => {
  let h: Harness | undefined;
  let proxy: SilentProxy | undefined;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  beforeEach(async () => {
    database = await freshPostgresDatabase();
  });
  afterEach(async () => {
    await h?.stop();
    await proxy?.stop();
    await database.close();
  });

  it('gone (connections refused): a member asking for the status is told the database is unavailable, not Slack', async () => {
    const routed = await SilentProxy.before(database.url);
    proxy = routed.proxy;
    h = await startHarness({ databaseUrl: routed.url });
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout down',
      commander: PEOPLE.bob,
    });
    await h.user(PEOPLE.bob).command('help');

    await proxy.refuse();
    const reply = await h.user(PEOPLE.bob).command('status', channelId);
    const answer = told(h.fake, reply.json);
    expect(answer).toContain(UNAVAILABLE);
    expect(answer).not.toContain('Slack answered');
    expect(answer).not.toContain('ECONNREFUSED');
  });

  it('refusing writes (default_transaction_read_only): /healthz answers 503 "database not writable", and a note is told the database is read-only', async () => {
    h = await startHarness({ databaseUrl: database.url });
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout down',
      commander: PEOPLE.bob,
    });
    await h.user(PEOPLE.bob).command('help');
    const origin = h.healthUrl.replace(/\/healthz$/, '');
    expect((await health(origin)).status).toBe(200);

    // What a managed service does when its storage fills up; sessions opened from now on refuse writes.
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    } finally {
      await admin.end();
    }
    const unhealthy = await until(
      '/healthz says so',
      async () => {
        const answer = await health(origin);
        return answer.body.status === 'database unavailable' ? undefined : answer;
      },
      5_000,
    );
    expect(unhealthy).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 'database not writable', reason: expect.stringContaining('read_only') }),
    });

    const reply = await h.user(PEOPLE.bob).command('note Rolled back the deploy', channelId);
    const answer = told(h.fake, reply.json);
    expect(answer).toContain('its database is read-only');
    expect(answer).not.toContain('Slack answered');
  });
});
