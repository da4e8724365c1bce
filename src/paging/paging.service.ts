import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { LadderLevel } from '../escalations/ladder';
import { ladderOf } from '../escalations/ladder';
import type { AfterChange } from '../incidents/after-change';
import type { Incident } from '../incidents/incident.types';
import { isDrill } from '../incidents/incident-types';
import type { Logger } from '../logger';
import type { Repositories, Tx } from '../store';
import type { PagerAction, PagerEventRow } from '../store/pager-events.repository';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { ClaimedItem, JobRunner, TimedJob } from '../timers/timed-job';
import { nextAttempt } from '../webhooks/backoff';
import { postEvent } from '../webhooks/post-event';
import { dedupKeyOf, queuedEvent } from './pagerduty-event';

export interface PagingDeps {
  store: Repositories<'incidents' | 'pagerEvents' | 'transaction'>;
  recorder: Recorder;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  runner: Pick<JobRunner, 'run'>;
  /** This Commander (its bot user id), in the dedup key. */
  install: string;
  /** The incident's channel, linked from the page. */
  incidentLink: (incident: Incident) => string | null;
  background: (work: () => Promise<unknown>) => void;
  fetch?: typeof fetch;
  random?: () => number;
}

/** How long one attempt may take, and how long an event is retried before it is given up. */
const TIMEOUT_MS = 10_000;
const GIVE_UP_AFTER = 24 * 3_600_000;

export type PagingService = ReturnType<typeof createPaging>;

/**
 * Paging through PagerDuty's Events API v2 from the escalation ladder: a level with
 * `notify.pagerduty` queues a `trigger` when it is reached, and the incident's acknowledgement and
 * resolution queue `acknowledge` and `resolve` for every level that paged, all in the transaction
 * that made the change. The outbox (pager_events) sends each once per incident, level and action,
 * in that order, retried with backoff while PagerDuty is down (or slows us down with 429).
 */
export function createPaging(deps: PagingDeps) {
  const { store, recorder, policy, clock } = deps;
  const logger = deps.logger.child({ component: 'paging' });

  async function runSoon(): Promise<void> {
    await deps.runner.run(job).catch((error: unknown) => logger.error({ err: error }, 'paging failed'));
  }
  const wake = () => deps.background(runSoon);

  async function queue(tx: Tx, incident: Incident, level: number, action: PagerAction, ladder: string, at: number) {
    const body = queuedEvent({
      action,
      dedupKey: dedupKeyOf(deps.install, incident.id),
      ladder,
      incident,
      policy,
      link: deps.incidentLink(incident),
      at,
    });
    if (await tx.pagerEvents.enqueue({ incidentId: incident.id, level, action, body, at })) tx.afterCommit(wake);
  }

  /** The level whose routing key an event is sent with: the ladder's it came from, as the policy has it now. */
  function routeOf(row: PagerEventRow) {
    const { ladder } = JSON.parse(row.body) as { ladder: string };
    return ladderOf(policy, ladder).find((l) => l.number === row.level)?.notify.pagerduty;
  }

  async function work(item: ClaimedItem): Promise<boolean> {
    const row = await store.pagerEvents.get(item.id);
    if (row?.state !== 'pending') {
      await item.complete(async () => undefined);
      return false;
    }
    const attempts = row.attempts + (item.takenOver ? 2 : 1);
    const log = { incidentId: row.incidentId, level: row.level, action: row.action, attempts };
    const route = routeOf(row);
    if (!route) {
      await item.complete((tx) => tx.pagerEvents.giveUp(row.id, clock.now(), 'level no longer pages', attempts));
      logger.warn(log, 'PagerDuty event given up: its ladder level no longer pages');
      return false;
    }
    const { event } = JSON.parse(row.body) as { event: Record<string, unknown> };
    const result = await postEvent({
      url: `${route.apiUrl}/v2/enqueue`,
      body: JSON.stringify({ routing_key: route.routingKey, ...event }),
      headers: { 'user-agent': 'Commander-Paging/1' },
      timeoutMs: TIMEOUT_MS,
      fetch: deps.fetch,
    });
    const now = clock.now();
    if (result.ok) {
      await item.complete(async (tx) => {
        await tx.pagerEvents.sent(row.id, now, attempts);
        await recorder.record(
          tx,
          entries.paged(
            { incidentId: row.incidentId, at: now },
            { level: row.level, action: row.action, dedupKey: event.dedup_key as string },
          ),
        );
      });
      logger.info(log, 'PagerDuty event sent');
      return true;
    }
    // 400: PagerDuty will never take this event; anything else (429, 5xx, no answer) may pass later.
    const next =
      result.status === 400
        ? 'give up'
        : nextAttempt({
            failures: attempts,
            now,
            since: row.since,
            giveUpAfter: GIVE_UP_AFTER,
            retryAfterMs: result.retryAfterMs,
            ...(deps.random ? { random: deps.random } : {}),
          });
    if (next === 'give up') {
      await item.complete((tx) => tx.pagerEvents.giveUp(row.id, now, result.error, attempts));
      logger.error({ ...log, error: result.error }, 'PagerDuty event given up');
      return false;
    }
    await item.complete((tx) => tx.pagerEvents.retryAt(row.id, next, result.error, attempts));
    logger.warn({ ...log, error: result.error }, 'PagerDuty did not take the event; trying again later');
    return false;
  }

  // Nothing to claim while no ladder level pages.
  const pages = policy.severities.some((s) => s.escalation.some((level) => level.notify.pagerduty !== undefined));
  const job: TimedJob = {
    name: 'paging',
    kind: 'pagerEvent',
    batch: 100,
    leaseFor: TIMEOUT_MS + 30_000,
    enabled: () => pages,
    work,
  };

  /** Levels of the incident that paged (their trigger queued), with the ladder each came from. */
  async function pagedLevels(tx: Tx, incidentId: number) {
    return (await tx.pagerEvents.of(incidentId))
      .filter((e) => e.action === 'trigger')
      .map((e) => ({ level: e.level, ladder: (JSON.parse(e.body) as { ladder: string }).ladder }));
  }

  /** Acknowledged and resolved in Commander: the same in PagerDuty, for every level that paged. */
  const planPages: AfterChange = async (incident, facts, tx) => {
    const resolved = incident.resolvedAt !== null;
    if (!facts.acknowledged && !resolved) return;
    for (const { level, ladder } of await pagedLevels(tx, incident.id)) {
      if (facts.acknowledged || incident.acknowledgedAt !== null)
        await queue(tx, incident, level, 'acknowledge', ladder, facts.at);
      if (resolved) await queue(tx, incident, level, 'resolve', ladder, facts.at);
    }
  };

  /** Whether reaching the level pages: it names PagerDuty, and practice wakes nobody unless drills page as well. */
  const pagesAt = (incident: Incident, level: LadderLevel) =>
    level.notify.pagerduty !== undefined && !(isDrill(incident) && !policy.drills.pageOncall);

  return {
    job,
    planPages,
    pages: pagesAt,
    /**
     * The ladder reached a level that pages (in the transaction that reached it: on the clock, by
     * missed updates or by hand): its trigger, once per level however often it is reached.
     */
    async trigger(tx: Tx, incident: Incident, level: LadderLevel, at: number): Promise<void> {
      if (!pagesAt(incident, level)) return;
      await queue(tx, incident, level.number, 'trigger', incident.severity, at);
      // Acknowledged before the level was reached (its `unless` let it fire anyway): say so too.
      if (incident.acknowledgedAt !== null)
        await queue(tx, incident, level.number, 'acknowledge', incident.severity, at);
    },
    /** Events due (retries whose time has come), in the background. */
    sendSoon: wake,
  };
}
