import type { WebClientOptions } from '@slack/web-api';
import { type Clock, systemClock } from '../clock';
import type { Env } from '../config/env';
import type { Policy } from '../config/policy';
import { InFlight } from '../in-flight';
import { createJobRunner } from '../timers/runner';
import { leaseHolderOf } from '../timers/lease-holder';
import type { Logger } from '../logger';
import type * as MetricsModule from '../metrics/metrics';
import { countingEntries } from '../metrics/timeline-counts';
import { plainEntryLine } from '../postmortem/entry-text';
import { levelsWithNobody } from '../escalations/ladder';
import { slackText } from '../slack/text/slack-text';
import { createTimelineChanges } from '../web/pages/timeline-changes';
import { createSlackClients } from '../slack/transport/web-clients';
import { openStoreEngine } from '../store/engine';
import { createRecorder } from '../timeline/record';
import { createPageChanges } from '../statuspage/page-changes';
import { composeWebhooks } from './webhooks';

/**
 * What exists before Commander starts, and lives as long as it: the database, metrics, the Slack
 * clients, the one way onto the timeline and the timed jobs' runner. Nothing here talks to Slack.
 */
export function buildFoundation(options: {
  env: Env;
  policy: Policy;
  logger: Logger;
  clock?: Clock;
  clientOptions?: Partial<WebClientOptions>;
}) {
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
      : (require('../metrics/metrics') as typeof MetricsModule).createMetrics(store.metrics);
  const inFlight = new InFlight();
  const runner = createJobRunner({ store, clock, lease: leaseHolderOf(policy), logger });
  const webhooks = composeWebhooks({ store, policy, clock, logger, inFlight, runner, metrics });
  // Tells the web console's open event streams (if it runs) that an incident's timeline changed.
  const timelineChanges = createTimelineChanges();
  // The one way onto the timeline, given to every service: its `text` line, webhook events, counts.
  const recorder = createRecorder({
    line: plainEntryLine(slackText),
    inTransaction: webhooks.queueEvents ? [webhooks.queueEvents] : [],
    observers: [
      ...(metrics ? [countingEntries(metrics, async (id) => (await store.incidents.get(id))?.type)] : []),
      timelineChanges.observe,
    ],
    changeObservers: [timelineChanges.observeChange],
  });
  // Tells the status page's server (if it runs) that this process changed the page.
  const pageChanges = createPageChanges();
  const slack = createSlackClients({ env, logger, metrics, overrides: options.clientOptions });
  return {
    env,
    policy,
    logger,
    clock,
    engine,
    store,
    metrics,
    inFlight,
    webhooks,
    recorder,
    slack,
    runner,
    pageChanges,
    timelineChanges,
  };
}

export type Foundation = ReturnType<typeof buildFoundation>;
