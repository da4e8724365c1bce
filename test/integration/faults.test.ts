import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { slackErrorSentence } from '../../src/slack/text/error-sentences';
import { FakeSlack } from '../support/fake-slack';
import { ANNOUNCE_CHANNEL, BOT_TOKEN, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { SlackUser } from '../support/slack-user';
import { storedEntries, storedIncidents } from '../support/stored';
import { declareIncident, messageContaining, openedView } from './flows';

let h: Harness;
afterEach(async () => h?.stop());

/** Retries as in production, but without waiting: backoff of a millisecond. */
const FAST_RETRIES = { retryConfig: { retries: 3, factor: 1, minTimeout: 1, maxTimeout: 1 } };

async function postUpdate(channelId: string, summary: string) {
  await h.user(PEOPLE.bob).command('update', channelId);
  await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { status: 'identified', summary });
}

describe('when Slack fails for a while', () => {
  it.each([
    ['a 429 with Retry-After', { status: 429 as const, retryAfter: 0 }],
    ['a 500', { status: 500 as const }],
    ['a dropped connection', { drop: true as const }],
  ])('waits out or retries %s, and posts the update exactly once', async (_name, fault) => {
    h = await startHarness({ clientOptions: FAST_RETRIES });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Flapping', commander: PEOPLE.bob });
    h.fake.fail('chat.postMessage', fault, 2);
    await postUpdate(incident.channelId, 'Failed over to the replica');

    const posts = h.fake
      .okCalls('chat.postMessage')
      .filter((c) => JSON.stringify(c.args).includes('Failed over to the replica'));
    // Once in the incident channel and once mirrored to the announcement channel (a SEV1), sent at
    // the same time, so in either order.
    expect(posts.map((c) => c.args.channel).sort()).toEqual([ANNOUNCE_CHANNEL, incident.channelId].sort());
    expect(h.fake.calls('chat.postMessage').filter((c) => !c.ok)).toHaveLength(2);
  });
});

describe('Slack errors that will not pass', () => {
  it.each(['missing_scope', 'restricted_action', 'channel_not_found', 'not_in_channel', 'is_archived'])(
    '%s is shown to the declarer as a sentence saying what to do',
    async (code) => {
      h = await startHarness();
      h.fake.fail('conversations.create', { error: code });
      await h.user(PEOPLE.alice).command('declare Refused');
      await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), { severity: 'SEV2' });
      const shown = JSON.stringify(h.fake.views().at(-1)?.view.blocks);
      expect(shown).toContain('could not be created');
      expect(shown).toContain(JSON.stringify(slackErrorSentence(code)).slice(1, -1));
      expect(await storedIncidents(h.store)).toHaveLength(1);
    },
  );
});

describe('redelivered requests', () => {
  it('a slash command Slack delivers again (same trigger) records its note once', async () => {
    h = await startHarness();
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Twice', commander: PEOPLE.bob });
    const first = await h.user(PEOPLE.bob).command('note Restarted the pods', incident.channelId);
    await h
      .user(PEOPLE.bob)
      .command(
        'note Restarted the pods',
        incident.channelId,
        { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        first,
      );
    expect(await storedEntries(h.store, { kind: 'note' })).toHaveLength(1);
  });

  it('a follow-up delivered again is recorded once', async () => {
    h = await startHarness();
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Twice', commander: PEOPLE.bob });
    const first = await h.user(PEOPLE.bob).command('followup Add an alert', incident.channelId);
    await h.user(PEOPLE.bob).command('followup Add an alert', incident.channelId, { 'x-slack-retry-num': '1' }, first);
    expect(await h.store.followups.list(incident.incidentId)).toHaveLength(1);
  });

  it('a severity change delivered again (the same value twice) changes and announces once', async () => {
    h = await startHarness();
    const incident = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Twice',
      severity: 'SEV3',
      commander: PEOPLE.bob,
    });
    const first = await h.user(PEOPLE.bob).command('severity SEV2', incident.channelId);
    await h.user(PEOPLE.bob).command('severity SEV2', incident.channelId, { 'x-slack-retry-num': '1' }, first);
    expect(h.fake.messages(incident.channelId).filter((m) => m.text.includes('severity changed'))).toHaveLength(1);
    expect(messageContaining(h, incident.channelId, 'Severity changed')).toBeDefined();
  });
});

/** Polls a condition a bounded number of times (for another process, where no hook can tell us). */
async function eventually(condition: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

/** Tests that run the app as its own process, against a fake Slack they start themselves. */
describe('the app as a process', () => {
  let child: ChildProcess | undefined;
  let fake: FakeSlack | undefined;
  /** The channel's messages but the checklist message, which the shipped checklists post in their own time. */
  const channelMessages = (channelId: string) =>
    fake!.messages(channelId).filter((m) => !m.text?.startsWith('Checklists for'));
  afterEach(async () => {
    child?.kill('SIGKILL');
    await fake?.stop();
  });

  describe('stopping on SIGTERM', () => {
    it('stops taking requests, lets running work finish, and exits 0', async () => {
      fake = await FakeSlack.start({ token: BOT_TOKEN });
      fake.addUser({ id: PEOPLE.alice, name: 'alice' });
      fake.addChannel({ id: 'CGENERAL', name: 'general' });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-sigterm-'));
      const app = await spawnApp(fake, dir, path.join(dir, 'c.db'));
      child = app.child;
      const { lines } = app;
      const port = Number(new URL(app.url).port);
      const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
      const url = `http://127.0.0.1:${port}/slack/events`;
      const alice = new SlackUser({
        url: () => url,
        secret: SIGNING_SECRET,
        fake,
        userId: PEOPLE.alice,
        afterEach: async () => undefined,
      });

      // A declaration whose channel Slack is slow to create: still running when SIGTERM arrives.
      await alice.command('declare Shutting down');
      await fake.waitForCall('views.open');
      const view = fake.views().at(-1)!;
      const slow = fake.hold('conversations.create');
      const submitted = alice.submit(view, { severity: 'SEV2' });
      await slow.arrived;
      child.kill('SIGTERM');
      await eventually(async () => {
        const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          () => false,
          () => true,
        );
        return refused;
      });
      slow.release();

      expect(await exited).toBe(0);
      expect((await submitted).status).toBe(200);
      // The declaration went on to its end: the work in flight was finished, not cut off.
      expect(fake.okCalls('conversations.invite')).toHaveLength(1);
      expect(fake.okCalls('pins.add')).toHaveLength(1);
      expect(lines.some((l) => l.includes('"msg":"stopping"'))).toBe(true);
    });
  });

  describe('Slack failing in the middle of declaring', () => {
    it('the running app finishes the set-up once Slack recovers, with no restart, and tells the declarer', async () => {
      fake = await FakeSlack.start({ token: BOT_TOKEN });
      for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name });
      fake.addChannel({ id: 'CGENERAL', name: 'general' });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-outage-'));
      const config = path.join(dir, 'commander.yml');
      fs.writeFileSync(config, 'reminders:\n  repeatAfter: 5m\n  snoozeFor: 10m\n  checkEvery: 1s\n');
      const app = await spawnApp(fake, dir, path.join(dir, 'c.db'), { COMMANDER_CONFIG: config });
      child = app.child;
      const alice = new SlackUser({
        url: () => app.url,
        secret: SIGNING_SECRET,
        fake,
        userId: PEOPLE.alice,
        afterEach: async () => undefined,
      });
      await alice.command('declare Payments down');
      await fake.waitForCall('views.open');

      // Slack's own failure (not retried by the client): the kick-off cannot be posted.
      fake.fail('chat.postMessage', { error: 'internal_error' });
      await alice.submit(fake.views().at(-1)!, { severity: 'SEV2' });
      // The modal shows the channel as soon as it exists, then what the rest of the set-up met.
      const outcome = await fake.waitForCall('views.update', (c) =>
        JSON.stringify(c.args.view).includes('Slack is having trouble; Commander will finish setting up'),
      );
      expect(JSON.stringify(fake.views().find((v) => v.id === outcome.args.view_id)?.view)).toContain('Incident #1');

      // Slack answers again: a scheduler tick of the same process posts, pins and tells Alice.
      const pinned = await fake.waitForCall('pins.add', (c) => c.ok, 10_000);
      const channelId = fake.okCalls('conversations.create')[0]!.response.channel.id as string;
      expect(channelMessages(channelId).map((m) => m.ts)).toEqual([pinned.args.timestamp]);
      const told = await fake.waitForCall(
        'chat.postMessage',
        (c) => c.ok && JSON.stringify(c.args.blocks).includes('is set up'),
        5_000,
      );
      expect(told.response.channel).toBe(fake.dmWith(PEOPLE.alice));
      expect(child.exitCode).toBeNull();
      await eventually(async () => app.lines.some((l) => l.includes('finished declarations Slack had held up')));
    });
  });

  describe('a crash in the middle of declaring', () => {
    /** The app as a process, with Alice's declare modal open in the fake Slack. */
    async function declaringApp(title: string) {
      fake = await FakeSlack.start({ token: BOT_TOKEN });
      for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name });
      fake.addChannel({ id: 'CGENERAL', name: 'general' });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-crash-'));
      const dbPath = path.join(dir, 'c.db');
      const app = await spawnApp(fake, dir, dbPath);
      child = app.child;
      const alice = new SlackUser({
        url: () => app.url,
        secret: SIGNING_SECRET,
        fake,
        userId: PEOPLE.alice,
        afterEach: async () => undefined,
      });
      await alice.command(`declare ${title}`);
      await fake.waitForCall('views.open');
      // The fake too, as a constant: the suite's variable is reassigned by each test.
      return { alice, dbPath, view: fake.views().at(-1)!, fake };
    }

    /** Kills the app (SIGKILL) and waits until it is gone. */
    async function killApp() {
      child!.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
    }

    it('right after Slack created the channel: the restarted app adopts that channel instead of opening a second', async () => {
      const { alice, dbPath, view, fake } = await declaringApp('Payments down');

      const creating = fake.hold('conversations.create');
      void alice.submit(view, { severity: 'SEV1' }).catch(() => undefined);
      await creating.arrived;
      await killApp();
      creating.release();
      await fake.waitForCall('conversations.create', (c) => c.ok);

      h = await startHarness({ fake, dbPath });
      const incident = (await h.commander.incidents.get(1))!;
      const created = fake.okCalls('conversations.create');
      expect(created).toHaveLength(1);
      expect(fake.calls('conversations.create').filter((c) => c.error === 'name_taken')).toHaveLength(1);
      expect(incident.channelId).toBe(created[0]!.response.channel.id);
      expect(channelMessages(incident.channelId!).map((m) => m.text)).toEqual([
        expect.stringContaining('Payments down'),
      ]);
      expect(fake.channel(incident.channelId!)?.pins.size).toBe(1);
    });

    it('during the steps made at once: the restarted app does only what is missing, and finds the kick-off Slack posted', async () => {
      const { alice, dbPath, view, fake } = await declaringApp('Payments down');

      const isKickoff = (args: Record<string, any>) => args.metadata?.event_payload?.step === 'kickoff';
      const kickoff = fake.hold('chat.postMessage', isKickoff);
      void alice.submit(view, { severity: 'SEV1', commander: PEOPLE.bob }).catch(() => undefined);
      await kickoff.arrived;
      // The steps made alongside the kick-off finish and are journalled; then the process dies. The
      // app is another process with no store to ask here: its journal is read from SQLite's file.
      const journal = new Database(dbPath, { readonly: true });
      try {
        await eventually(async () => {
          const steps = journal.prepare('SELECT step FROM incident_steps ORDER BY step').pluck().all();
          return JSON.stringify(steps) === JSON.stringify(['announce', 'channel', 'invite', 'topic']);
        });
      } finally {
        journal.close();
      }
      await killApp();
      // Slack posts the kick-off it was holding; the app that asked never hears so.
      kickoff.release();
      await fake.waitForCall('chat.postMessage', (c) => c.ok && isKickoff(c.args));

      h = await startHarness({ fake, dbPath });
      await h.commander.idle();
      const incident = (await h.commander.incidents.get(1))!;
      expect(incident.setupDoneAt).not.toBeNull();
      expect(fake.calls('conversations.create')).toHaveLength(1);
      expect(fake.calls('conversations.invite')).toHaveLength(1);
      expect(fake.calls('conversations.setTopic')).toHaveLength(1);
      const messages = channelMessages(incident.channelId!);
      expect(messages.map((m) => m.text)).toEqual([expect.stringContaining('Payments down')]);
      expect(incident.kickoffTs).toBe(messages[0]!.ts);
      expect(fake.channel(incident.channelId!)?.pins.has(messages[0]!.ts)).toBe(true);
    });

    it('while pinning (sent as soon as the kick-off is answered, alongside its journal entry): the restarted app posts no second kick-off', async () => {
      const { alice, dbPath, view, fake } = await declaringApp('Search down');

      const pin = fake.hold('pins.add');
      void alice.submit(view, { severity: 'SEV1' }).catch(() => undefined);
      await pin.arrived;
      // The kick-off's journal entry may or may not be written yet: either way the resume must hold.
      await killApp();
      pin.release();
      await fake.waitForCall('pins.add', (c) => c.ok);

      h = await startHarness({ fake, dbPath });
      await h.commander.idle();
      const incident = (await h.commander.incidents.get(1))!;
      expect(incident.setupDoneAt).not.toBeNull();
      const messages = channelMessages(incident.channelId!);
      expect(messages.map((m) => m.text)).toEqual([expect.stringContaining('Search down')]);
      expect(incident.kickoffTs).toBe(messages[0]!.ts);
      expect([...(fake.channel(incident.channelId!)?.pins ?? [])]).toEqual([messages[0]!.ts]);
    });

    it('a channel of that name someone else made is not adopted: the incident gets another name', async () => {
      h = await startHarness();
      const first = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Taken' });
      expect(first.channelName).toBe('inc-1-taken');
      h.fake.addChannel({ name: 'inc-2-taken' });
      const second = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Taken' });
      expect(second.channelName).toBe('inc-2-taken-2');
      expect(h.fake.calls('conversations.list')).toHaveLength(0);
    });
  });
});

/** The real app (src/main.ts) as its own process on the given database, once it serves. */
async function spawnApp(
  fake: FakeSlack,
  dir: string,
  dbPath: string,
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    ['-r', path.join(root, 'scripts', 'register-ts.js'), path.join(root, 'src', 'main.ts')],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        PORT: '0',
        DATABASE_PATH: dbPath,
        LOG_LEVEL: 'info',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const parsed = JSON.parse(line) as { msg?: string; port?: number };
        if (parsed.msg === 'Commander is running') resolve(parsed.port as number);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before serving: ${lines.join('\n')}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/slack/events`, lines };
}
