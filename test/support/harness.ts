import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCommander, type Commander } from '../../src/app';
import { ManualClock } from './manual-clock';
import { parseEnvironment } from '../../src/config/env';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { parsePolicy } from '../../src/config/policy';
import { createLogger } from '../../src/logger';
import { FakeSlack } from './fake-slack';
import { SlackUser } from './slack-user';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';
export const PEOPLE = {
  alice: 'UALICE0001',
  bob: 'UBOB000002',
  carol: 'UCAROL0003',
} as const;
export const ANNOUNCE_CHANNEL = 'CANNOUNCE01';

export interface Harness {
  fake: FakeSlack;
  commander: Commander;
  clock: ManualClock;
  dbPath: string;
  eventsUrl: string;
  user(id: string): SlackUser;
  /** Runs one scheduler tick at the harness clock's time and waits for what it started. */
  tick(): Promise<number>;
  /** Stops the app (not the fake Slack) and starts a new one on the same database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Policy keys to override on top of the built-in defaults. */
  policy?: Record<string, unknown>;
  /** false: no announcement channel (default: one is configured). */
  announce?: boolean;
  fake?: FakeSlack;
  dbPath?: string;
  /** Web API client settings over the tests' defaults (no retries), e.g. to test retrying. */
  clientOptions?: Record<string, unknown>;
  /** How long a reply needing Slack lookups may hold up an ack (default: the app's own). */
  ackBudgetMs?: number;
  /** Receives the app's log lines (at debug level) instead of dropping them. */
  logLines?: string[];
}

/**
 * The real app in HTTP mode on an ephemeral port with a temporary database, its Web API pointed
 * at a fake Slack on 127.0.0.1 that knows a few people and an announcement channel.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = options.fake ?? (await FakeSlack.start({ token: BOT_TOKEN }));
  if (!options.fake) {
    for (const [name, id] of Object.entries(PEOPLE)) fake.addUser({ id, name, real_name: name[0]!.toUpperCase() + name.slice(1), tz: 'Europe/London' });
    fake.addChannel({ id: 'CGENERAL', name: 'general' });
    fake.addChannel({ id: ANNOUNCE_CHANNEL, name: 'incidents' });
  }
  const dbPath = options.dbPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-test-')), 'commander.db');
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const policy = parsePolicy({
    ...DEFAULT_POLICY_INPUT,
    ...(options.announce === false ? {} : { announcementChannel: ANNOUNCE_CHANNEL }),
    ...options.policy,
  });
  const env = parseEnvironment({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    DATABASE_PATH: dbPath,
    LOG_LEVEL: 'silent',
  });

  let commander!: Commander;
  let eventsUrl = '';
  const boot = async () => {
    commander = createCommander({
      env,
      policy,
      logger: options.logLines
        ? createLogger('debug', { write: (line: string) => void options.logLines!.push(line) })
        : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      clock,
      identity: { botUserId: 'UBOTCOMMANDER', botId: 'BCOMMANDER' },
      clientOptions: { retryConfig: { retries: 0 }, timeout: 2_000, ...options.clientOptions },
      scheduler: false,
      ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
    });
    const { port } = await commander.start();
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    await commander.idle();
  };
  await boot();

  return {
    fake,
    get commander() {
      return commander;
    },
    clock,
    dbPath,
    get eventsUrl() {
      return eventsUrl;
    },
    user: (id: string) =>
      new SlackUser({ url: () => eventsUrl, secret: SIGNING_SECRET, fake, userId: id, afterEach: () => commander.idle() }),
    async tick() {
      const { reminders: sent } = await commander.tick();
      await commander.idle();
      return sent;
    },
    async restart() {
      await commander.stop();
      await boot();
    },
    async stop() {
      await commander.stop();
      if (!options.fake) await fake.stop();
    },
  } as Harness;
}
