import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { systemClock, type Clock } from './clock';
import { composeAlerts } from './compose/alerts';
import { createSlackClients, whoAmI } from './slack/web-clients';
import { composeWebhooks } from './compose/webhooks';
import type { Env } from './config/env';
import type { Policy } from './config/policy';
import { InFlight } from './in-flight';
import { createIncidentsService, type IncidentsService } from './incidents/incidents.service';
import { createKeyTimesService } from './incidents/key-times.service';
import { createTimelineEdits } from './incidents/timeline-edits';
import { plainEntryLine } from './postmortem/entry-text';
import { createFollowThrough, planPostmortem } from './postmortem/follow-through';
import { createFollowupNudges } from './postmortem/followup-nudges';
import { createSlackFollowThroughPort } from './slack/follow-through-port';
import { createOnCallService } from './oncall/oncall.service';
import { createOverviewService } from './incidents/overview.service';
import { createPeopleService } from './people/people.service';
import { createPostmortemService, joined } from './postmortem/postmortem.service';
import { allOf } from './incidents/after-change';
import { planEscalation, planUnplanned } from './reminders/escalation-clock';
import { createEscalationsService, type EscalationsService } from './reminders/escalations.service';
import { levelsWithNobody } from './reminders/ladder';
import { planReminders } from './reminders/plan';
import { createRemindersService, type RemindersService } from './reminders/reminders.service';
import { createTimelineService } from './incidents/timeline.service';
import { createChannelArchiving } from './jobs/archive-channels';
import { createJobs, type TickReport } from './jobs/jobs';
import { createJobRunner } from './jobs/runner';
import { leaseHolderOf } from './lease-holder';
import { startScheduler } from './jobs/scheduler';
import type { Logger } from './logger';
import { createSlackAlertsPoster } from './slack/alerts/alerts-poster';
import { boltLogger } from './slack/bolt-logger';
import { createSlackConversation } from './slack/conversation';
import { MembershipCache } from './slack/membership-cache';
import { createDirectMessages } from './slack/direct-messages';
import { createKeyedPosts } from './slack/keyed-posts';
import { createSlackEscalationNotifier } from './slack/escalation-notifier';
import { createSlackReminderNotifier } from './slack/reminder-notifier';
import { registerListeners } from './slack/listeners';
import { guardRoutes } from './slack/guarded-routes';
import { EVENTS_PATH, guardSlackRequests } from './slack/request-guard';
import { socketHealth } from './slack/socket-health';
import type * as SocketReceiverModule from './slack/socket-receiver';
import type { SocketReceiver } from './slack/socket-receiver';
import { slackText } from './slack/slack-text';
import type { Db } from './store/db';
import type * as MetricsModule from './metrics/metrics';
import { startMetricsServer } from './metrics/server';
import { countingEntries } from './metrics/timeline-counts';
import { createRecorder } from './timeline/record';
import { openStoreEngine } from './store/engine';

export interface CommanderOptions {
  env: Env;
  policy: Policy;
  logger: Logger;
  clock?: Clock;
  /** Known bot identity (tests); otherwise auth.test asks Slack at start-up. */
  identity?: { botUserId: string; botId: string };
  /** Overrides for every Web API client (tests shorten retries and timeouts). */
  clientOptions?: Partial<WebClientOptions>;
  /** false: no periodic reminder checks (tests call reminders.tick() with their own clock). */
  scheduler?: boolean;
  /** How long a reply that needs Slack lookups may hold up an acknowledgement (tests shorten it). */
  ackBudgetMs?: number;
}

export interface Commander {
  /** `metricsPort` when METRICS_PORT is set. */
  start(): Promise<{ port: number; metricsPort?: number }>;
  stop(): Promise<void>;
  /** One scheduler tick, run by hand (tests drive the scheduler with their own clock). */
  tick(): Promise<TickReport>;
  /** Resolves when no listener or background job is running. */
  idle(): Promise<void>;
  incidents: IncidentsService;
  reminders: RemindersService;
  escalations: EscalationsService;
  /** The SQLite connection (tests read it directly); throws on PostgreSQL. */
  readonly db: Db;
}

/** The composition root: the one place that wires configuration, storage, domain and Slack. */
export function createCommander(options: CommanderOptions): Commander {
  const { env, policy, logger } = options;
  const clock = options.clock ?? systemClock;
  const engine = openStoreEngine(env);
  // Don't fail silently: a level with nobody to call in is skipped every time, so say so once.
  for (const level of levelsWithNobody(policy))
    logger.warn(level, 'escalation level has nobody configured to call in; it will be skipped');
  const store = engine.store;
  // prom-client is loaded only when metrics are served (a require: an import would load it at start-up).
  const metrics =
    env.METRICS_PORT === undefined
      ? undefined
      : (require('./metrics/metrics') as typeof MetricsModule).createMetrics(store.metrics);
  const inFlight = new InFlight();
  const webhooks = composeWebhooks({ store, policy, clock, logger, inFlight, metrics });
  // The one way onto the timeline, given to every service: its `text` line, webhook events, counts.
  const recorder = createRecorder({
    line: plainEntryLine(slackText),
    inTransaction: webhooks.queueEvents ? [webhooks.queueEvents] : [],
    observers: metrics ? [countingEntries(metrics)] : [],
  });
  const { clientOptions, client, lookupClient, onceClient, channelsClient, repeat } = createSlackClients({
    env,
    logger,
    metrics,
    overrides: options.clientOptions,
  });
  const runner = createJobRunner({ store, clock, lease: leaseHolderOf(policy), logger });
  let app: App | undefined;
  let incidents: IncidentsService | undefined;
  let reminders: RemindersService | undefined;
  let escalations: EscalationsService | undefined;
  let jobs: ReturnType<typeof createJobs> | undefined;
  let scheduler: { stop(): Promise<void> } | undefined;
  let socketReceiver: SocketReceiver | undefined;
  let alerts: ReturnType<typeof composeAlerts> | undefined;
  let metricsServer: { port: number; stop(): Promise<void> } | undefined;

  const healthRoute: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req, res) => {
      const database = await engine.health();
      // In Socket Mode, a connection down past its grace period is unhealthy too (restart me).
      const socket = socketReceiver && socketHealth(socketReceiver.state(), clock.now());
      const status = !database.ok ? database.status : socket?.healthy === false ? 'socket disconnected' : 'ok';
      res.writeHead(status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status,
          ...(!database.ok && database.reason ? { reason: database.reason } : {}),
          inFlight: inFlight.size,
          ...(socket ? { socket: socket.socket, downForSeconds: socket.downForSeconds } : {}),
        }),
      );
    },
  };

  async function start(): Promise<{ port: number; metricsPort?: number }> {
    // PostgreSQL migrates here (SQLite did at open); two replicas starting together migrate once.
    const applied = await engine.ready();
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const identity = options.identity ?? (await whoAmI(client, logger));
    // Reminder and escalation DMs and alert notices carry metadata, so a retry or a replica taking one over finds it sent.
    const { postOnce, postNamedOnce } = createKeyedPosts({ client: onceClient, logger, repeat });
    const dms = createDirectMessages(client, postOnce);
    const membership = new MembershipCache(clock);
    const conversation = createSlackConversation({
      client,
      onceClient,
      channelsClient,
      repeat,
      lookupClient,
      policy,
      botUserId: identity.botUserId,
      dms,
      logger,
      membership,
      // The pinned summary shows the next escalation; the service exists once the conversation does.
      nextEscalation: async (incidentId) => (escalations ? escalations.next(incidentId) : null),
    });
    const incidentsService = createIncidentsService({
      store,
      recorder,
      conversation,
      policy,
      clock,
      logger,
      afterChange: allOf(planReminders({ policy, recorder }), planEscalation({ policy }), planPostmortem({ policy })),
    });
    incidents = incidentsService;
    const notifier = createSlackReminderNotifier({ client, policy, dms, postOnce });
    const oncall = createOnCallService({ rotations: policy.oncall, clock });
    const authorize = (incidentId: number, userId: string) =>
      incidentsService.requireAccess(incidentId, userId, { need: 'change', open: true, confirmMembership: true });
    const escalationsService = createEscalationsService({
      store,
      recorder,
      notifier: createSlackEscalationNotifier({
        client,
        policy,
        dms,
        refreshSummary: (incident) => conversation.refreshKickoff(incident),
        postOnce,
      }),
      policy,
      clock,
      logger: logger.child({ component: 'escalations' }),
      onCall: (at, rotation) => (rotation ? oncall.rotationAt(rotation, at) : oncall.forIncidents(at)),
      authorize,
    });
    escalations = escalationsService;
    const planned = await planUnplanned(store, policy);
    if (planned.length > 0) logger.info({ incidents: planned }, 'escalation ladders planned for running incidents');
    reminders = createRemindersService({
      store,
      recorder,
      notifier,
      policy,
      clock,
      logger: logger.child({ component: 'reminders' }),
      climb: escalationsService.climb,
      authorize,
    });
    alerts = composeAlerts({
      store,
      recorder,
      incidents,
      port: createSlackAlertsPoster({ client, postNamedOnce }),
      policy,
      clock,
      logger,
      oncall,
      inFlight,
      runner,
      metrics,
    });
    const customRoutes = guardRoutes([healthRoute, ...alerts.routes], logger);
    const socketMode = Boolean(env.SLACK_APP_TOKEN);
    const common = {
      token: env.SLACK_BOT_TOKEN,
      botId: identity.botId,
      botUserId: identity.botUserId,
      logger: boltLogger(logger),
      clientOptions,
      // Bolt's default conversation store costs a lookup per request and nothing here reads it.
      convoStore: false as const,
      // ignoreSelf filters the bot's own message events; Commander subscribes to none, and the
      // middleware would cost a step on every request.
      ignoreSelf: false,
    };
    const guardedHttpReceiver = (signingSecret: string, routes: CustomRoute[]) => {
      const receiver = new HTTPReceiver({
        signingSecret,
        endpoints: EVENTS_PATH,
        customRoutes: routes,
        logger: boltLogger(logger, 'receiver'),
      });
      guardSlackRequests(receiver, { signingSecret, logger: logger.child({ component: 'receiver' }) });
      return receiver;
    };
    socketReceiver = socketMode
      ? // A require, not an import: an app in HTTP mode never loads the Socket Mode receiver.
        new (require('./slack/socket-receiver') as typeof SocketReceiverModule).SocketReceiver({
          appToken: env.SLACK_APP_TOKEN as string,
          logger: boltLogger(logger, 'socket-mode'),
          clock,
          clientOptions,
          port: env.PORT,
          customRoutes,
        })
      : undefined;
    app = socketReceiver
      ? new App({ ...common, receiver: socketReceiver })
      : new App({ ...common, receiver: guardedHttpReceiver(env.SLACK_SIGNING_SECRET as string, customRoutes) });
    const people = createPeopleService({ store, clock });
    const postmortem = createPostmortemService({ store, recorder, policy, clock, chat: slackText });
    const followThroughPort = createSlackFollowThroughPort({ client, dms, policy });
    const followThroughDeps = {
      store,
      recorder,
      policy,
      clock,
      logger: logger.child({ component: 'follow-through' }),
      isMember: conversation.isMember,
    };
    const followupNudges = createFollowupNudges(followThroughDeps, followThroughPort);
    const followThrough = createFollowThrough(followThroughDeps, followThroughPort, async (incidentId) =>
      joined(await postmortem.render(incidentId, 'md')),
    );
    registerListeners(app, {
      incidents,
      overview: createOverviewService({ store, conversation, policy, clock, logger }),
      reminders,
      escalations: escalationsService,
      timeline: createTimelineService({ store, recorder, clock, logger, chat: slackText }),
      keyTimes: createKeyTimesService({ store, recorder, conversation, policy, clock, logger }),
      timelineEdits: createTimelineEdits({ store, recorder, conversation, policy, clock, logger, chat: slackText }),
      postmortem,
      followThrough,
      followupNudges,
      people,
      oncall,
      policy,
      membership,
      clock,
      logger,
      inFlight,
      ackBudgetMs: options.ackBudgetMs ?? 2_000,
    });
    const started = (await app.start(env.PORT)) as Server | undefined;
    const address = started && typeof started.address === 'function' ? (started.address() as AddressInfo | null) : null;
    const port = address?.port ?? env.PORT;
    void inFlight.run(async () => {
      const resumed = await incidentsService.resumeSetups();
      if (resumed.length > 0)
        logger.info({ incidents: resumed.map((r) => r.incident.id) }, 'resumed unfinished declarations');
    });
    // Alert notifications accepted before a stop are processed now.
    void alerts.drain().catch((error: unknown) => logger.error({ err: error }, 'alert processing failed'));
    // Events queued before a stop (or while a receiver was down) go out now rather than at the first tick.
    webhooks.deliverSoon();
    jobs = createJobs({
      runner,
      timed: {
        reminders: reminders.job,
        escalations: escalationsService.job,
        archived: createChannelArchiving({ store, recorder, conversation, policy, clock, logger }).job,
        setups: incidentsService.setupJob,
        postmortemNudges: followThrough.job,
        followupNudges: followupNudges.job,
      },
      alerts,
      webhooks,
      logger,
    });
    if (options.scheduler !== false) {
      scheduler = startScheduler({ everyMs: policy.reminders.checkEvery, tick: () => inFlight.run(tick), logger });
    }
    if (metrics && env.METRICS_PORT !== undefined) {
      const { registry } = metrics;
      metricsServer = await startMetricsServer({ port: env.METRICS_PORT, host: env.METRICS_HOST, registry, logger });
      return { port, metricsPort: metricsServer.port };
    }
    return { port };
  }

  /** One run of the jobs (src/jobs/jobs.ts lists them). */
  async function tick(): Promise<TickReport> {
    if (!jobs) throw new Error('Commander is not started');
    return jobs.tick();
  }

  // Stopping twice (a second SIGTERM, a test that stops before restarting) must not throw.
  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    await scheduler?.stop();
    await app?.stop();
    await metricsServer?.stop();
    await inFlight.idle();
    await engine.close();
  }

  return {
    start,
    stop: () => (stopping ??= stop()),
    idle: () => inFlight.idle(),
    tick,
    get incidents() {
      if (!incidents) throw new Error('Commander is not started');
      return incidents;
    },
    get reminders() {
      if (!reminders) throw new Error('Commander is not started');
      return reminders;
    },
    get escalations() {
      if (!escalations) throw new Error('Commander is not started');
      return escalations;
    },
    get db() {
      if (!engine.db) throw new Error('Commander runs on PostgreSQL: there is no SQLite connection');
      return engine.db;
    },
  };
}
