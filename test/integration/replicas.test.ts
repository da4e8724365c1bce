import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppProcess, type RunningApp } from '../support/app-process';
import { FakeSlack, type RecordedCall, type View } from '../support/fake-slack';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness';
import { freshPostgresDatabase } from '../support/postgres';
import { SlackUser } from '../support/slack-user';

/**
 * Two Commander processes on one PostgreSQL and one fake Slack, as two replicas behind a load
 * balancer (HTTP mode, signed requests to either). Processes run on the real clock, so the policy
 * makes everything short (ticks every second, 2 s leases, reminders seconds apart) and the test
 * waits on what Slack was asked, with deadlines, never for a fixed time.
 */

const CHECK_EVERY = 1_000;
const LEASE = 2_000;
const POLICY = `
leaseFor: 2s
reminders:
  checkEvery: 1s
  repeatAfter: 5s
severities:
  - id: SEV2
    name: Major
    updateEvery: 6s
`;

const ALICE = 'UALICE0001';
const COMMANDERS = ['UCMDR00001', 'UCMDR00002', 'UCMDR00003', 'UCMDR00004', 'UCMDR00005'];
const INCIDENTS = 50;
/** Every fifth declaration is submitted to both replicas at once, as a double submit Slack spread. */
const doubled = (i: number) => i % 5 === 0;

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const payloadOf = (call: RecordedCall) =>
  call.args.metadata?.event_payload as { incident_id?: number; step?: string } | undefined;
const isReminderDm = (call: RecordedCall) =>
  call.ok && /^[DU]/.test(String(call.args.channel)) && /^reminder-/.test(payloadOf(call)?.step ?? '');

describe('two replicas on one PostgreSQL', () => {
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let apps: RunningApp[] = [];

  beforeAll(async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
    fake.addUser({ id: ALICE, name: 'alice' });
    COMMANDERS.forEach((id, i) => fake.addUser({ id, name: `commander${i + 1}` }));
    fake.addChannel({ id: 'CGENERAL', name: 'general' });
    database = await freshPostgresDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-replicas-'));
    fs.writeFileSync(path.join(dir, 'commander.yml'), POLICY);
    const env = { DATABASE_URL: database.url, COMMANDER_CONFIG: path.join(dir, 'commander.yml') };
    apps = await Promise.all([startAppProcess({ fake, env }), startAppProcess({ fake, env })]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.close();
    await fake?.stop();
  });

  const aliceAt = (app: RunningApp) =>
    new SlackUser({ url: () => app.eventsUrl, secret: SIGNING_SECRET, fake, userId: ALICE, afterEach: async () => {} });

  /** The reminder DMs Slack took, by incident and due time: each key must appear once. */
  const reminderKeys = () =>
    fake
      .calls('chat.postMessage')
      .filter(isReminderDm)
      .map((c) => `${payloadOf(c)?.incident_id}:${payloadOf(c)?.step}`);
  const repeated = (keys: string[]) => keys.filter((key, i) => keys.indexOf(key) !== i);

  it('declares each incident once with one channel, sends each reminder once, and a killed replica loses nothing', async () => {
    // (a) 50 declarations spread over both replicas; every fifth submitted to both at once.
    const [a, b] = apps as [RunningApp, RunningApp];
    const views: View[] = [];
    for (let i = 0; i < INCIDENTS; i++) {
      const { triggerId } = await aliceAt(i % 2 ? a : b).command(`declare Outage ${i}`);
      views.push(
        await until('the declare form opens', () => fake.views().find((v) => v.trigger_id === triggerId), 10_000),
      );
    }
    const submit = (view: View, app: RunningApp, i: number) =>
      aliceAt(app).submit(view, { severity: 'SEV2', impact: 'Checkout fails', commander: COMMANDERS[i % 5] });
    const answers = await Promise.all(
      views.flatMap((view, i) =>
        doubled(i) ? [submit(view, a, i), submit(view, b, i)] : [submit(view, i % 2 ? b : a, i)],
      ),
    );
    expect(answers.every((r) => r.json?.response_action === 'update')).toBe(true);

    const setUp = async () =>
      (await database.pool.query('SELECT id, channel_id FROM incidents WHERE setup_done_at IS NOT NULL'))
        .rows as Array<{
        id: number;
        channel_id: string;
      }>;
    const incidents = await until(
      'every incident is set up',
      async () => {
        const rows = await setUp();
        return rows.length >= INCIDENTS ? rows : undefined;
      },
      40_000,
    );
    expect((await database.pool.query('SELECT COUNT(*)::int AS n FROM incidents')).rows[0].n).toBe(INCIDENTS);
    expect(fake.okCalls('conversations.create')).toHaveLength(INCIDENTS);
    expect(new Set(incidents.map((r) => r.channel_id)).size).toBe(INCIDENTS);
    for (const { id, channel_id } of incidents) {
      const kickoffs = fake.messages(channel_id).filter((m) => (m as any).metadata?.event_payload?.step === 'kickoff');
      expect({ id, kickoffs: kickoffs.length }).toEqual({ id, kickoffs: 1 });
    }
    // The replica that did not get the set-up waited for the other and showed the declarer the channel too.
    for (const [i, view] of views.entries()) {
      if (!doubled(i)) continue;
      const channel = (await database.pool.query('SELECT channel_id FROM incidents WHERE declare_key = $1', [view.id]))
        .rows[0].channel_id as string;
      // It looks again every quarter second: its answer may come just after the other's.
      const updates = await until(
        'both replicas answer the double submit',
        () => {
          const made = fake.okCalls('views.update').filter((c) => c.args.view_id === view.id);
          return made.length >= 2 ? made : undefined;
        },
        10_000,
      );
      for (const update of updates) expect(JSON.stringify(update.args.view)).toContain(channel);
    }

    // (b) Reminders fall due on both replicas' ticks: one DM each.
    await until(
      'every incident has had a reminder',
      () => {
        const reminded = new Set(reminderKeys().map((key) => key.split(':')[0]));
        return reminded.size >= INCIDENTS ? true : undefined;
      },
      30_000,
    );
    expect(repeated(reminderKeys())).toEqual([]);

    // (c) A replica dies in the middle of a tick, with a reminder DM on its way to Slack.
    let heldIncident: number | undefined;
    const held = fake.hold('chat.postMessage', (args) => {
      const step = args.metadata?.event_payload?.step ?? '';
      if (heldIncident === undefined && /^reminder-/.test(step)) heldIncident = args.metadata.event_payload.incident_id;
      return heldIncident !== undefined && args.metadata?.event_payload?.incident_id === heldIncident;
    });
    await held.arrived;
    const leasedBy = async (owner: string) =>
      (await database.pool.query('SELECT incident_id, due_at FROM reminders WHERE lease_owner = $1', [owner]))
        .rows as Array<{ incident_id: number; due_at: number }>;
    // The held reminder's lease names the process sending it (host:pid:random).
    const owner = (
      await database.pool.query('SELECT lease_owner FROM reminders WHERE incident_id = $1', [heldIncident])
    ).rows[0].lease_owner as string;
    const victim = apps.find((app) => Number(owner.split(':')[1]) === app.child.pid) as RunningApp;
    victim.child.kill('SIGKILL');
    await victim.stop();
    const killedAt = Date.now();
    const unfinished = await leasedBy(owner);
    expect(unfinished.map((r) => r.incident_id)).toContain(heldIncident);
    // Slack does the post it was holding; the replica that asked never hears so.
    held.release();

    const survivorSent = (incidentId: number, dueAt: number) =>
      reminderKeys().filter((key) => key === `${incidentId}:reminder-${dueAt}`).length;
    await until(
      'the survivor sends what the dead replica had taken',
      () => (unfinished.every((r) => survivorSent(r.incident_id, r.due_at) >= 1) ? true : undefined),
      CHECK_EVERY + LEASE + 8_000,
    );
    const tookOverIn = Date.now() - killedAt;
    // Within one check interval plus the lease, with room for a busy machine.
    expect(tookOverIn).toBeLessThan(CHECK_EVERY + LEASE + 4_000);
    // The reminder Slack posted for the dead replica was found, not sent again; nothing twice.
    await until(
      'the taken-over leases are given back',
      async () => ((await leasedBy(owner)).length === 0 ? true : undefined),
      10_000,
    );
    for (const r of unfinished) expect(survivorSent(r.incident_id, r.due_at)).toBe(1);
    expect(repeated(reminderKeys())).toEqual([]);
  }, 150_000);
});
