import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCommander, type Commander } from '../../src/app/commander';
import { ManualClock } from './manual-clock';
import { parseEnvironment } from '../../src/config/env';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { parsePolicy } from '../../src/config/policy';
import { createLogger } from '../../src/logger';
import { DEFAULT_APP_TOKEN, FakeSlack, type SocketModeOptions } from './fake-slack';
import { SlackUser } from './slack-user';
import type { Transport } from './transport';
import type { Store } from '../../src/store';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './fake-slack/openid';
import { freePort } from './postgres-server';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = DEFAULT_APP_TOKEN;
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
  /** SQLite's file (unused on PostgreSQL). */
  dbPath: string;
  /** 'postgres' when started with `databaseUrl`. */
  engine: 'sqlite' | 'postgres';
  /** The PostgreSQL database the app runs on (undefined on SQLite). */
  databaseUrl: string | undefined;
  /** The app's own store, on either engine: read back what the flows wrote through its repositories. */
  readonly store: Store;
  transport: Transport;
  /** Where Slack posts in HTTP mode (unused in Socket Mode). */
  eventsUrl: string;
  healthUrl: string;
  /** GET /metrics, when started with `metrics: true`. */
  metricsUrl: string;
  /** The status page's base (no trailing slash), when started with `statusPage: true`. */
  statusUrl: string;
  /** The web console's base (WEB_BASE_URL, no trailing slash), when started with `web`. */
  webUrl: string;
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
  /** Run on PostgreSQL at this URL (DATABASE_URL) instead of SQLite at dbPath. */
  databaseUrl?: string;
  /** Web API client settings over the tests' defaults (no retries), e.g. to test retrying. */
  clientOptions?: Record<string, unknown>;
  /** How long a reply needing Slack lookups may hold up an ack (default: the app's own). */
  ackBudgetMs?: number;
  /** Receives the app's log lines (at debug level) instead of dropping them. */
  logLines?: string[];
  /** 'http' (default): signed requests; 'socket': Socket Mode through the fake (SLACK_APP_TOKEN set). */
  transport?: Transport;
  /** Socket Mode timing of the fake the harness starts (Slack's by default). */
  socketMode?: SocketModeOptions;
  /** Serve /metrics (METRICS_PORT=0: an ephemeral port, read back as metricsUrl). */
  metrics?: boolean;
  /** Serve the status page (STATUS_PORT=0: an ephemeral port, read back as statusUrl). */
  statusPage?: boolean;
  /** true: the app asks the fake Slack who it is (auth.test) and checks its scopes, as in production. */
  askWhoAmI?: boolean;
  /**
   * Serve the web console on a free port of 127.0.0.1, signing in with the fake Slack (whose clock is
   * the harness's), or behind a proxy at `trustedProxies` (WEB_AUTH=proxy).
   */
  web?: true | { auth: 'proxy'; trustedProxies: string; header?: string };
}

/**
 * The real app on an ephemeral port with a temporary database, its Web API pointed at a fake Slack
 * on 127.0.0.1 that knows a few people and an announcement channel. Slack reaches it over HTTP
 * (signed requests) or, with `transport: 'socket'`, over Socket Mode: the app asks the fake's
 * apps.connections.open for a WebSocket URL and the fake delivers envelopes there.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const transport = options.transport ?? 'http';
  const fake = options.fake ?? (await FakeSlack.start({ token: BOT_TOKEN, socketMode: options.socketMode }));
  if (!options.fake) {
    for (const [name, id] of Object.entries(PEOPLE))
      fake.addUser({ id, name, real_name: name[0]!.toUpperCase() + name.slice(1), tz: 'Europe/London' });
    fake.addChannel({ id: 'CGENERAL', name: 'general' });
    fake.addChannel({ id: ANNOUNCE_CHANNEL, name: 'incidents' });
  }
  const dbPath = options.dbPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-test-')), 'commander.db');
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const policy = parsePolicy({
    ...DEFAULT_POLICY_INPUT,
    ...(options.announce === false ? {} : { announcementChannel: ANNOUNCE_CHANNEL }),
    // No checklists unless a suite gives some: the shipped ones add a message and timeline entries
    // to every incident, which suites about other things would have to count around.
    checklists: { lists: [] },
    ...options.policy,
  });
  const web = options.web === true ? undefined : options.web;
  // The console's base URL names its port, so the port is chosen here, not by the server (0); another
  // process may take it before the app listens, and then the next free one is tried (boot, below).
  const environment = (webPort: number, webUrl: string) =>
    parseEnvironment({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      ...(transport === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
      SLACK_API_URL: fake.url,
      PORT: '0',
      DATABASE_PATH: dbPath,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      LOG_LEVEL: 'silent',
      ...(options.metrics ? { METRICS_PORT: '0' } : {}),
      ...(options.statusPage ? { STATUS_PORT: '0' } : {}),
      ...(options.web
        ? {
            WEB_PORT: String(webPort),
            WEB_BASE_URL: webUrl,
            SLACK_CLIENT_ID: DEFAULT_CLIENT_ID,
            SLACK_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
            ...(web ? { WEB_AUTH: 'proxy', WEB_TRUSTED_PROXIES: web.trustedProxies } : {}),
            ...(web?.header ? { WEB_PROXY_HEADER: web.header } : {}),
          }
        : {}),
    });

  let commander!: Commander;
  let port = 0;
  const eventsUrl = () => `http://127.0.0.1:${port}/slack/events`;
  let metricsUrl = '';
  let statusUrl = '';
  let webUrl = '';
  // Without the console, one environment for every start; with it, made again for its port in start.
  let env = options.web ? environment(0, 'http://127.0.0.1') : environment(0, '');
  const start = async (newPort: boolean) => {
    // A restart keeps the console's address (its cookies and redirect URL), unless it was taken.
    if (options.web && (newPort || webUrl === '')) {
      const webPort = await freePort();
      webUrl = `http://127.0.0.1:${webPort}`;
      fake.openid.redirectUrls = [`${webUrl}/auth/callback`];
      fake.openid.now = () => clock.now();
      env = environment(webPort, webUrl);
    }
    commander = createCommander({
      env,
      policy,
      logger: options.logLines
        ? createLogger('debug', { write: (line: string) => void options.logLines!.push(line) })
        : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      clock,
      ...(options.askWhoAmI ? {} : { identity: { botUserId: 'UBOTCOMMANDER', botId: 'BCOMMANDER', teamId: 'T0TEAM' } }),
      clientOptions: { retryConfig: { retries: 0 }, timeout: 2_000, ...options.clientOptions },
      scheduler: false,
      ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
    });
    const started = await commander.start();
    port = started.port;
    metricsUrl = started.metricsPort === undefined ? '' : `http://127.0.0.1:${started.metricsPort}/metrics`;
    statusUrl = started.statusPort === undefined ? '' : `http://127.0.0.1:${started.statusPort}`;
    await commander.idle();
  };
  const boot = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await start(attempt > 1);
      } catch (error) {
        if (!(options.web && /^WEB_PORT \d+ is already in use/.test(String((error as Error).message))) || attempt >= 5)
          throw error;
        await commander.stop().catch(() => undefined);
      }
    }
  };
  await boot();

  return {
    fake,
    get commander() {
      return commander;
    },
    clock,
    dbPath,
    engine: options.databaseUrl ? 'postgres' : 'sqlite',
    databaseUrl: options.databaseUrl,
    get store() {
      return commander.store;
    },
    transport,
    get eventsUrl() {
      return eventsUrl();
    },
    get healthUrl() {
      return `http://127.0.0.1:${port}/healthz`;
    },
    get metricsUrl() {
      return metricsUrl;
    },
    get statusUrl() {
      return statusUrl;
    },
    get webUrl() {
      return webUrl;
    },
    user: (id: string) =>
      new SlackUser({
        url: eventsUrl,
        secret: SIGNING_SECRET,
        fake,
        userId: id,
        transport,
        afterEach: () => commander.idle(),
      }),
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
