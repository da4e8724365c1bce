import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { createPostmortemRenderer } from '../../src/postmortem/postmortem.service';
import { slackText } from '../../src/slack/text/slack-text';
import { createStore } from '../../src/store';
import { openDatabase } from '../../src/store/sqlite/db';
import { createPostgresStore } from '../../src/store/postgres';
import { migratePostgres } from '../../src/store/postgres/migrate';
import { fixture, sendWithToken } from '../support/alert-sender';
import { FakeSlack } from '../support/fake-slack';
import { ANNOUNCE_CHANNEL, BOT_TOKEN, type Harness, PEOPLE, startHarness } from '../support/harness';
import { T0 } from '../support/incident-fixture';
import { ManualClock } from '../support/manual-clock';
import { freshPostgresDatabase } from '../support/postgres';
import { WebhookReceiver } from '../support/webhook-receiver';
import { declareIncident, openedView } from './flows';

const root = path.resolve(__dirname, '..', '..');
const hook = path.join(root, 'scripts', 'register-ts.js');
const cli = (name: string) => path.join(root, 'src', 'cli', `${name}.ts`);
const AM_TOKEN = 'am-token-0123456789abcdef';
const SECRET = 'status-page-secret-0123456789';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const run = (name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
  promisify(execFile)(process.execPath, ['-r', hook, cli(name), ...args], {
    env: { ...process.env, COMMANDER_CONFIG: '', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', ...env },
    cwd: os.tmpdir(),
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Run) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

const migrateStore = (from: string, to: string) => run('migrate-store', ['--from', from, '--to', to]);

/** The postmortem of an incident as npm run export renders it, from either store, at one fixed time. */
async function postmortem(source: string | pg.Pool, incidentId: number, format: 'md' | 'json'): Promise<string> {
  const db = typeof source === 'string' ? openDatabase(source, { readonly: true }) : undefined;
  try {
    const store = db ? createStore(db) : createPostgresStore(source as pg.Pool);
    const service = createPostmortemRenderer({
      store,
      policy: DEFAULT_POLICY,
      clock: new ManualClock(T0),
      chat: slackText,
    });
    let text = '';
    for await (const piece of await service.render(incidentId, format)) text += piece;
    return text;
  } finally {
    db?.close();
  }
}

/** The counts table migrate-store prints: table → [SQLite, PostgreSQL]. */
function printedCounts(stdout: string): Record<string, [number, number]> {
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^table +SQLite +PostgreSQL$/);
  return Object.fromEntries(
    lines
      .slice(1)
      .map((l) => /^(\w+) +(\d+) +(\d+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], [Number(m[2]), Number(m[3])]]),
  );
}

let sqlitePath: string;
// One fake Slack for Commander on SQLite and then on PostgreSQL: its view ids (the declarations'
// keys) and channel names carry on, as Slack's would.
let fake: FakeSlack;
let sourceCounts: Record<string, number>;
let resolvedIds: number[];
let lastId: number;

/**
 * A SQLite database written by the app itself: declared, updated, noted, followed up and resolved
 * incidents, reminders sent by a tick, an escalation clock, an alert that declared one and one a
 * notify route posted, webhook events in the outbox, and a message waiting for an incident to be picked.
 * The copy's source is SQLite's file, so this suite reads that file itself (its tables, its counts).
 */
beforeAll(async () => {
  const receiver = await WebhookReceiver.start(SECRET);
  fake = await FakeSlack.start({ token: BOT_TOKEN });
  for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name, real_name: name, tz: 'Europe/London' });
  fake.addChannel({ id: ANNOUNCE_CHANNEL, name: 'incidents' });
  const h: Harness = await startHarness({
    fake,
    policy: {
      webhooks: [{ url: receiver.url, secret: SECRET }],
      oncall: [{ name: 'platform', users: [PEOPLE.bob] }],
      // One list on every incident, so the checklists' tables hold something to copy.
      checklists: {
        lists: [{ id: 'investigate', title: 'Investigation', items: [{ text: 'Check the SLO dashboard' }] }],
      },
      alerts: {
        sources: [{ name: 'prod-alertmanager', token: AM_TOKEN }],
        routes: [
          { match: { severity: 'warning' }, action: 'notify', channel: ANNOUNCE_CHANNEL },
          { match: {}, action: 'declare', severity: 'SEV1', title: '{{alertname}} on {{service}}' },
        ],
      },
    },
  });
  try {
    receiver.useClock(h.clock);
    const bob = h.user(PEOPLE.bob);
    resolvedIds = [];
    for (const title of ['Checkout down', 'Search slow']) {
      const { channelId, incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
        title,
        commander: PEOPLE.bob,
      });
      await bob.command('note Rolled back the deploy', channelId);
      await bob.command(`followup Add a canary <@${PEOPLE.bob}> in 5d`, channelId);
      await bob.command('update', channelId);
      await bob.submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Bad deploy' });
      h.clock.advance(45 * 60_000);
      await h.tick();
      await bob.command('resolve', channelId);
      await bob.submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
      resolvedIds.push(incidentId);
    }
    await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN);
    const warning = fixture('alertmanager-firing.json');
    const warned = {
      ...warning,
      groupKey: 'warnings',
      commonLabels: { ...(warning.commonLabels as object), severity: 'warning' },
    };
    await sendWithToken(h, 'alertmanager', warned, AM_TOKEN);
    const open = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Still open', commander: PEOPLE.bob });
    lastId = open.incidentId;
    h.clock.advance(45 * 60_000);
    await h.tick();
    sqlitePath = h.dbPath;
  } finally {
    await h.stop();
    await receiver.stop();
  }
  const db = openDatabase(sqlitePath);
  try {
    const store = createStore(db);
    // A corrected key time (the /incident times form), an affected service, and a message captured
    // outside an incident channel, waiting for its incident to be picked.
    await store.keyTimes.correct(resolvedIds[0] as number, 'detected', Date.UTC(2026, 10, 24, 8, 55));
    await store.incidentServices.add(resolvedIds[0] as number, 'payments', Date.UTC(2026, 10, 24, 9), null);
    // Two incidents linked (both directions are rows).
    await store.incidentLinks.link({
      incidentId: lastId,
      otherId: resolvedIds[0] as number,
      kind: 'related',
      linkedAt: Date.UTC(2026, 10, 24, 10),
      linkedBy: PEOPLE.bob,
    });
    // What the status page keeps: a published incident, its update, a maintenance window, a component's history.
    const at = Date.UTC(2026, 10, 24, 9, 5);
    await store.statusPage.addComponents(['payments'], at);
    await store.statusPage.addIncident(resolvedIds[0] as number, {
      publicId: 'k3x9p2m4q8zt',
      name: 'Payments failing',
      status: 'investigating',
      impact: 'critical',
      drill: false,
      createdAt: at,
      updatedAt: at,
      monitoringAt: null,
      resolvedAt: null,
    });
    await store.statusPage.addPublication({
      publicId: 'a1b2c3d4e5f6',
      incidentPublicId: 'k3x9p2m4q8zt',
      status: 'investigating',
      body: 'Some payments fail.',
      affected: [{ code: 'payments', name: 'Payments', old_status: 'operational', new_status: 'major_outage' }],
      at,
    });
    await store.statusPage.claim('payments', 'incident:k3x9p2m4q8zt', 'major_outage');
    await store.statusPage.recordStatus({ componentId: 'payments', status: 'major_outage', at });
    await store.statusPage.addMaintenance({
      publicId: 'm1n2o3p4q5r6',
      title: 'Database upgrade',
      message: '',
      components: ['payments'],
      startsAt: at + 86_400_000,
      endsAt: at + 90_000_000,
      state: 'scheduled',
      createdAt: at,
      updatedAt: at,
      nextAt: at + 86_400_000,
    });
    await store.statusPage.bumpVersion();
    // A rule that fired, a follow-up on its way to a tracker, and a PagerDuty event queued.
    await store.ruleFirings.fireOnce({
      incidentId: lastId,
      rule: 'payments SEV1',
      occurrence: 'severity:SEV1',
      actions: [{ kind: 'post', text: [{ text: 'Bridge open' }] }] as never,
      at,
    });
    const [followup] = await store.followups.list(resolvedIds[0] as number);
    await store.trackerIssues.enqueue({
      followupId: (followup as { id: number }).id,
      incidentId: resolvedIds[0] as number,
      tracker: 'github',
      marker: 'commander-followup:UCOMMANDER:1',
      at,
    });
    await store.pagerEvents.enqueue({ incidentId: lastId, level: 1, action: 'trigger', body: '{}', at });
    // A hand-off on the rotation, to be briefed.
    await store.handoffs.record({ rotation: 'platform', at, outgoing: PEOPLE.alice, incoming: PEOPLE.bob, since: at });
    // A new commander's briefing, to be sent.
    await store.commanderBriefings.plan(lastId, PEOPLE.bob, at);
    // Carol follows the open incident, subscribes to payments, and is owed a DM about its last update.
    await store.follows.follow(lastId, PEOPLE.carol, at);
    await store.follows.subscribe({ userId: PEOPLE.carol, field: 'service', value: 'payments', createdAt: at });
    const lastUpdate = await store.statusUpdates.latest(lastId);
    await store.follows.owe(
      {
        incidentId: lastId,
        step: lastUpdate ? `update-${lastUpdate.id}` : 'followed',
        updateId: lastUpdate?.id ?? null,
        at,
      },
      [PEOPLE.carol],
    );
    // A week's digest, to be posted.
    await store.weeklyDigests.record(at);
    // A comms clock whose publish reminder went out (the resolved incident was published after it).
    await store.commsClocks.plan(resolvedIds[0] as number, at + 1_800_000, 1_800_000);
    await store.commsClocks.reminded(resolvedIds[0] as number, at + 1_800_000);
    // Someone signed in to the web console, and a sign-in under way: both survive the move.
    await store.webSessions.open({
      idHash: 'hash-of-a-session-id',
      userId: 'UALICE',
      csrfToken: 'csrf-token',
      createdAt: at,
      expiresAt: at + 12 * 3_600_000,
    });
    await store.webSessions.beginSignIn({
      state: 'state-1',
      nonce: 'nonce-1',
      next: '/insights',
      expiresAt: at + 600_000,
    });
    await store.pendingCaptures.save(
      'capture-1',
      { channel: 'CGENERAL', ts: '1700000000.000100', text: 'Seen in #general' },
      Date.UTC(2026, 10, 24, 11),
    );
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' AND name NOT LIKE 'incident_search%'",
      )
      .pluck()
      .all() as string[];
    sourceCounts = Object.fromEntries(
      tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}, 60_000);
afterAll(async () => fake?.stop());

describe('npm run migrate-store', () => {
  it('copies every table into an empty PostgreSQL database, counts before and after, and Commander reads it back', async () => {
    // Every table holds something, so each one's copy is exercised.
    expect(Object.entries(sourceCounts).filter(([, n]) => n === 0)).toEqual([]);
    const target = await freshPostgresDatabase();
    try {
      const copied = await migrateStore(sqlitePath, target.url);
      expect(copied).toMatchObject({ code: 0, stderr: '' });
      const printed = printedCounts(copied.stdout);
      expect(printed).toEqual({
        ...Object.fromEntries(Object.entries(sourceCounts).map(([t, n]) => [t, [n, n]])),
        total: expect.any(Array),
      });
      for (const [table, n] of Object.entries(sourceCounts)) {
        const { rows } = await target.pool.query(`SELECT COUNT(*) AS n FROM ${table}`);
        expect([table, rows[0].n]).toEqual([table, n]);
      }
      // The full-text index is not copied: PostgreSQL's triggers built it from the copied incidents.
      const indexed = await target.pool.query('SELECT COUNT(*) AS n FROM incident_search');
      expect(indexed.rows[0].n).toBe(sourceCounts.incidents);
      expect(copied.stdout).toMatch(/Copied \d+ rows from .* to PostgreSQL at 127\.0\.0\.1:\d+\/commander_\w+\./);
      expect(copied.stdout).not.toContain(`:${new URL(target.url).password}@`);

      // The postmortem (what npm run export prints) reads the same from both stores, in both formats.
      for (const id of resolvedIds) {
        for (const format of ['md', 'json'] as const) {
          expect([id, format, await postmortem(target.pool, id, format)]).toEqual([
            id,
            format,
            await postmortem(sqlitePath, id, format),
          ]);
        }
      }
      // Flags come across as booleans, JSON text as it was, times as milliseconds.
      const { rows } = await target.pool.query('SELECT is_private, roles, declared_at FROM incidents WHERE id = $1', [
        resolvedIds[0],
      ]);
      expect(rows[0]).toEqual({
        is_private: false,
        roles: expect.stringMatching(/^\{/),
        declared_at: expect.any(Number),
      });

      // Commander on PostgreSQL carries on: the old incidents are there, the next one gets the next number.
      const h = await startHarness({ databaseUrl: target.url, fake });
      try {
        const next = await declareIncident(h, h.user(PEOPLE.alice), { title: 'After the move', commander: PEOPLE.bob });
        expect(next.incidentId).toBe(lastId + 1);
        const timeline = await target.pool.query('SELECT MAX(id) AS id FROM timeline');
        expect(timeline.rows[0].id).toBeGreaterThan(sourceCounts.timeline as number);
      } finally {
        await h.stop();
      }

      // Now the target holds more than the copy: a second run refuses it and changes nothing.
      const refused = await migrateStore(sqlitePath, target.url);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(
        /^migrate-store: The PostgreSQL database is not empty \(incidents: \d+ rows, .*\) and does not hold a copy of this SQLite database\. migrate-store copies only into an empty database\. No rows were copied\.\n$/,
      );
      const after = await target.pool.query('SELECT COUNT(*) AS n FROM incidents');
      expect(after.rows[0].n).toBe(lastId + 1);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('run again after it succeeded: says the target already holds this copy and writes nothing', async () => {
    const target = await freshPostgresDatabase();
    try {
      expect((await migrateStore(sqlitePath, target.url)).code).toBe(0);
      const again = await migrateStore(sqlitePath, target.url);
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('already holds a copy of');
      expect(again.stdout).toContain('Nothing was written.');
      expect(printedCounts(again.stdout).incidents).toEqual([lastId, lastId]);
    } finally {
      await target.close();
    }
  }, 30_000);

  it('a copy that fails half way leaves the target empty, and running it again then works', async () => {
    const target = await freshPostgresDatabase();
    try {
      await migratePostgres(target.pool);
      // The timeline is copied after the incidents: it fails once they are in.
      await target.pool.query(`
        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
        CREATE TRIGGER refuse BEFORE INSERT ON timeline FOR EACH STATEMENT EXECUTE FUNCTION refuse();`);
      const failed = await migrateStore(sqlitePath, target.url);
      expect(failed).toEqual({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(
          /^migrate-store: The copy into PostgreSQL at \S+ failed and was rolled back: copying table timeline failed: disk full\. No rows were copied; run it again once the cause is fixed\.\n$/,
        ),
      });
      const incidents = await target.pool.query('SELECT COUNT(*) AS n FROM incidents');
      expect(incidents.rows[0].n).toBe(0);

      await target.pool.query('DROP TRIGGER refuse ON timeline');
      const retried = await migrateStore(sqlitePath, target.url);
      expect(retried.code).toBe(0);
      expect(printedCounts(retried.stdout).timeline).toEqual([sourceCounts.timeline, sourceCounts.timeline]);
    } finally {
      await target.close();
    }
  }, 30_000);

  it('refuses a SQLite table that PostgreSQL has no counterpart for, instead of leaving it behind', async () => {
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-migrate-')), 'commander.db');
    fs.copyFileSync(sqlitePath, copy);
    const db = openDatabase(copy);
    db.exec("CREATE TABLE runbooks (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO runbooks (name) VALUES ('db')");
    db.close();
    const target = await freshPostgresDatabase();
    try {
      expect(await migrateStore(copy, target.url)).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'migrate-store: The SQLite table runbooks has no PostgreSQL counterpart in this version of Commander, so it cannot be copied. No rows were copied.\n',
      });
    } finally {
      await target.close();
    }
  }, 30_000);

  it('drops the NUL characters an older Commander stored (PostgreSQL text cannot hold them) and says how many values it changed', async () => {
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-migrate-')), 'commander.db');
    fs.copyFileSync(sqlitePath, copy);
    const db = openDatabase(copy);
    // What an alert with a NUL in a label made of an incident before intake dropped them.
    db.prepare('UPDATE incidents SET title = ? WHERE id = ?').run('Disk\u0000 full on db-1\u0000', lastId);
    db.prepare('UPDATE timeline SET text = ? WHERE id = (SELECT MIN(id) FROM timeline)').run('Declared\u0000');
    db.close();
    const target = await freshPostgresDatabase();
    try {
      const copied = await migrateStore(copy, target.url);
      expect(copied).toMatchObject({ code: 0, stderr: '' });
      expect(copied.stdout).toContain(
        'Cleaned 2 values on the way (incidents: 1, timeline: 1): dropped the NUL characters (U+0000) an older Commander stored, which PostgreSQL text cannot hold.',
      );
      const { rows } = await target.pool.query('SELECT title FROM incidents WHERE id = $1', [lastId]);
      expect(rows).toEqual([{ title: 'Disk full on db-1' }]);
      const again = await migrateStore(copy, target.url);
      expect(again.stdout).toContain('already holds a copy of');
    } finally {
      await target.close();
    }
  }, 30_000);

  it("refuses a database holding another application's tables, without creating Commander's among them", async () => {
    const target = await freshPostgresDatabase();
    try {
      await target.pool.query('CREATE TABLE customers (id INT PRIMARY KEY)');
      expect(await migrateStore(sqlitePath, target.url)).toEqual({
        code: 1,
        stdout: '',
        stderr:
          "migrate-store: The PostgreSQL database holds tables that are not Commander's (customers). Copy into a database of its own. Nothing was written.\n",
      });
      const { rows } = await target.pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      expect(rows).toEqual([{ tablename: 'customers' }]);
    } finally {
      await target.close();
    }
  }, 30_000);

  it('refuses a SQLite database from a newer Commander, and leaves it as it is', async () => {
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-migrate-')), 'commander.db');
    fs.copyFileSync(sqlitePath, copy);
    const db = openDatabase(copy);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run('9999_from_the_future', 0);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(copy);
    const result = await migrateStore(copy, 'postgres://commander:hunter2@127.0.0.1:1/commander');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(
        /^migrate-store: The database \S+ was written by a newer Commander: it has migration 9999_from_the_future, which this version does not know\. .*The database was not changed\.\n$/,
      ),
    });
    expect(fs.readFileSync(copy).equals(before)).toBe(true);
  }, 30_000);

  it.each([
    [
      'a target that is not a PostgreSQL URL',
      () => ['--from', sqlitePath, '--to', 'mysql://root:hunter2@db/commander'],
      'migrate-store: --to must be a PostgreSQL URL such as postgres://commander:password@db.internal:5432/commander.\n',
    ],
    [
      'a source file that does not exist',
      () => ['--from', '/nonexistent/commander.db', '--to', 'postgres://commander:hunter2@127.0.0.1:1/commander'],
      'migrate-store: No SQLite database at /nonexistent/commander.db.\n',
    ],
    [
      'a PostgreSQL that nothing answers for',
      () => ['--from', sqlitePath, '--to', 'postgres://commander:hunter2@127.0.0.1:1/commander'],
      'migrate-store: Cannot use PostgreSQL at 127.0.0.1:1/commander: nothing accepts connections there (connection refused). No rows were copied.\n',
    ],
    [
      'a database that does not exist',
      () => ['--from', sqlitePath, '--to', process.env.TEST_POSTGRES_URL!.replace(/\/postgres$/, '/missing')],
      expect.stringMatching(
        /^migrate-store: Cannot use PostgreSQL at 127\.0\.0\.1:\d+\/missing: that database does not exist; create it first \(createdb\)\. No rows were copied\.\n$/,
      ),
    ],
    [
      'a file that is not a Commander database',
      () => ['--from', path.join(root, 'package.json'), '--to', 'postgres://commander:hunter2@127.0.0.1:1/commander'],
      expect.stringMatching(/^migrate-store: \S+package\.json cannot be read as a SQLite database: .+\.\n$/),
    ],
    ['no --to', () => ['--from', sqlitePath], expect.stringMatching(/^migrate-store: Usage: npm run migrate-store/)],
  ])(
    '%s: one line saying why, no stack trace, no password',
    async (_name, args, stderr) => {
      const result = await run('migrate-store', args());
      expect(result).toEqual({ code: 1, stdout: '', stderr });
      expect(result.stderr).not.toContain('hunter2');
    },
    30_000,
  );

  it('--help shows the usage', async () => {
    const help = await run('migrate-store', ['--help']);
    expect(help).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Usage: npm run migrate-store -- --from FILE --to URL/),
    });
  });
});
