// Bolt (and the Web API client and HTTP stack under it) is the largest thing start-up loads; loaded
// first, its allocation comes before V8's first full collection, which then sizes the heap on a
// smaller live set: about 8 MB less resident memory at rest, measured by `npm run bench`'s idle
// memory row (82 MB instead of 90 for the same code loaded the other way round).
import '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Clock } from '../clock';
import { consoleUrlOf, type Env } from '../config/env';
import type { Policy } from '../config/policy';
import { planUnplanned } from '../escalations/escalation-clock';
import type { EscalationsService } from '../escalations/escalations.service';
import { nextEscalationOf } from '../escalations/next-escalation';
import { listenError } from '../errors/startup-error';
import { servicesNamed } from '../incidents/affected-services';
import type { IncidentsService } from '../incidents/incidents.service';
import type { TickReport } from '../jobs/jobs';
import type { Logger } from '../logger';
import { startMetricsServer } from '../metrics/server';
import type * as StatusServerModule from '../statuspage/server';
import type { StatusServer } from '../statuspage/server';
import type { RemindersService } from '../reminders/reminders.service';
import { registerListeners } from '../slack/listeners';
import { whoAmI } from '../slack/transport/web-clients';
import type { Store } from '../store';
import type { Db } from '../store/sqlite/db';
import { buildBolt } from './bolt';
import { buildFoundation } from './foundation';
import { startJobs } from './jobs';
import { buildServices, type Services } from './services';
import { buildSlackAdapters } from './slack-adapters';
import type * as WebModule from './web';
import type { WebServer } from '../web/server';
import { createSimilarIncidents } from '../similar/similar.service';

export interface CommanderOptions {
  env: Env;
  policy: Policy;
  logger: Logger;
  clock?: Clock;
  /** Known bot identity (tests); otherwise auth.test asks Slack at start-up (for teamId too, when the console needs it). */
  identity?: { botUserId: string; botId: string; teamId?: string };
  /** Overrides for every Web API client (tests shorten retries and timeouts). */
  clientOptions?: Partial<WebClientOptions>;
  /** false: no periodic scheduler (tests call tick() with their own clock). */
  scheduler?: boolean;
  /** How long a reply that needs Slack lookups may hold up an acknowledgement (tests shorten it). */
  ackBudgetMs?: number;
}

export interface Commander {
  /** `metricsPort` when METRICS_PORT is set, `statusPort` when STATUS_PORT is, `webPort` when WEB_PORT is. */
  start(): Promise<Ports>;
  stop(): Promise<void>;
  /** One scheduler tick, run by hand (tests drive the scheduler with their own clock). */
  tick(): Promise<TickReport>;
  /** Resolves when no listener or background job is running. */
  idle(): Promise<void>;
  incidents: IncidentsService;
  reminders: RemindersService;
  escalations: EscalationsService;
  /** Publishing to the public status page and its maintenance windows (the Slack forms call these). */
  statusPage: Services['statusPage'];
  /** The status page's server, when STATUS_PORT is set (tests wait on its rebuilds). */
  readonly statusServer: StatusServer | undefined;
  /** The store the app runs on, either engine (tests read back what the flows wrote). */
  readonly store: Store;
  /** The SQLite connection (tests of what only SQLite has: its file, pragmas); throws on PostgreSQL. */
  readonly db: Db;
}

export interface Ports {
  port: number;
  metricsPort?: number;
  statusPort?: number;
  webPort?: number;
}

/** What a started Commander runs; one value, made whole by start(). */
interface Running {
  app: App;
  services: Services;
  jobs: ReturnType<typeof startJobs>;
  metricsServer: { port: number; stop(): Promise<void> } | undefined;
  statusServer: StatusServer | undefined;
  webServer: WebServer | undefined;
}

/**
 * The composition root: configuration, storage, the Slack adapters, the domain services, the
 * listeners and the timed jobs, wired in that order (src/app/*.ts, one step a file).
 */
export function createCommander(options: CommanderOptions): Commander {
  const f = buildFoundation(options);
  const { env, policy, logger, engine, store, inFlight } = f;
  let running: Running | undefined;

  async function start(): Promise<Ports> {
    // PostgreSQL migrates here (SQLite did at open); two replicas starting together migrate once.
    const applied = await engine.ready();
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const identity = options.identity ?? (await whoAmI(f.slack.client, logger));
    // The pinned summary suggests only incidents anyone may see: its channel's members are not known in advance.
    const similar = createSimilarIncidents({ store, policy, clock: f.clock });
    const ports = buildSlackAdapters(
      f,
      identity,
      nextEscalationOf({ store, policy }),
      async (incidentId) => servicesNamed(policy, await store.incidentServices.of(incidentId)),
      (incident) => similar.like(incident, { public: true }),
    );
    const services = buildServices(f, ports, identity.botUserId);
    const planned = await planUnplanned(store, policy);
    if (planned.length > 0) logger.info({ incidents: planned }, 'escalation ladders planned for running incidents');
    const { app } = buildBolt(f, identity, services.alerts.routes);
    registerListeners(app, {
      ...services,
      policy,
      membership: ports.membership,
      peopleDirectory: ports.people,
      clock: f.clock,
      logger,
      inFlight,
      ackBudgetMs: options.ackBudgetMs ?? 2_000,
      ...(consoleUrlOf(env) ? { consoleUrl: consoleUrlOf(env) } : {}),
    });
    const started = (await app.start(env.PORT).catch((error: unknown) => {
      throw listenError(error, { name: 'PORT', port: env.PORT, serves: "Slack's requests and /healthz" });
    })) as Server | undefined;
    const address = started && typeof started.address === 'function' ? (started.address() as AddressInfo | null) : null;
    const port = address?.port ?? env.PORT;
    const jobs = startJobs(f, services, { scheduler: options.scheduler !== false });
    const metricsServer =
      f.metrics && env.METRICS_PORT !== undefined
        ? await startMetricsServer({
            port: env.METRICS_PORT,
            host: env.METRICS_HOST,
            registry: f.metrics.registry,
            logger,
          })
        : undefined;
    const statusServer =
      env.STATUS_PORT !== undefined
        ? // A require: the page's renderers (and xmlbuilder2, for the feeds and badges) load only when it is served.
          await (require('../statuspage/server') as typeof StatusServerModule).startStatusServer({
            port: env.STATUS_PORT,
            store,
            policy,
            clock: f.clock,
            logger,
            inFlight,
            changes: f.pageChanges,
          })
        : undefined;
    const webServer =
      env.WEB_PORT !== undefined
        ? // A require: jose and the console load only when the console is served.
          await (require('./web') as typeof WebModule).startWeb(f, {
            port: env.WEB_PORT,
            teamId: identity.teamId ?? (await whoAmI(f.slack.client, logger)).teamId,
            people: ports.people,
          })
        : undefined;
    running = { app, services, jobs, metricsServer, statusServer, webServer };
    return {
      port,
      ...(metricsServer ? { metricsPort: metricsServer.port } : {}),
      ...(statusServer ? { statusPort: statusServer.port } : {}),
      ...(webServer ? { webPort: webServer.port } : {}),
    };
  }

  const started = (): Running => {
    if (!running) throw new Error('Commander is not started');
    return running;
  };

  // Stopping twice (a second SIGTERM, a test that stops before restarting) must not throw.
  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    await running?.jobs.stop();
    await running?.app.stop();
    await running?.metricsServer?.stop();
    await running?.statusServer?.stop();
    await running?.webServer?.stop();
    await inFlight.idle();
    await engine.close();
  }

  return {
    start,
    stop: () => (stopping ??= stop()),
    idle: () => inFlight.idle(),
    tick: () => started().jobs.tick(),
    get incidents() {
      return started().services.incidents;
    },
    get reminders() {
      return started().services.reminders;
    },
    get escalations() {
      return started().services.escalations;
    },
    get statusPage() {
      return started().services.statusPage;
    },
    get statusServer() {
      return running?.statusServer;
    },
    store,
    get db() {
      if (!engine.db) throw new Error('Commander runs on PostgreSQL: there is no SQLite connection');
      return engine.db;
    },
  };
}
