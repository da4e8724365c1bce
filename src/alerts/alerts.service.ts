import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import type { AlertNotification, AlertOutcome } from './alert.types';
import type { AlertsDeps } from './alerts.deps';
import { createDeclareRoute } from './declare-route';
import { createNotifyRoute } from './notify-route';
import { routeFor } from './routing';

/** Notifications worked per run at most; a bigger burst goes on at the next run. */
const BATCH = 1_000;

export type AlertsService = ReturnType<typeof createAlertsService>;

/**
 * Works through the recorded notifications in order. Everything that decides (route, group,
 * episode, which alerts are new) happens in one transaction per notification, one notification at
 * a time, so alerts of one group arriving together can never both find "no incident yet" (and two
 * that did would still share the episode's declaration key); the Slack work an outcome needs runs
 * afterwards in the background.
 */
export function createAlertsService(deps: AlertsDeps) {
  const { store, policy, clock, logger } = deps;
  const config = policy.alerts;
  const declareRoute = createDeclareRoute(deps);
  const notifyRoute = createNotifyRoute(deps);

  async function processOne(source: string, n: AlertNotification): Promise<AlertOutcome> {
    const route = routeFor(config.routes, n.labels);
    if (!route) return 'unrouted';
    if (route.action === 'drop') return 'dropped';
    if (route.action === 'notify') return notifyRoute.notify(source, n, route);
    return declareRoute.declareOrAttach(source, n, route);
  }

  /** One leased notification: processed, then finished with its outcome if this process still holds it. */
  async function work(item: ClaimedItem): Promise<boolean> {
    const row = await store.alerts.notification(item.id);
    if (!row) return false;
    let outcome: AlertOutcome;
    try {
      outcome = await processOne(row.source, row.notification);
    } catch (error) {
      // A notification that cannot be processed is set aside, not retried forever ahead of the rest.
      logger.error(
        { err: error, notification: row.id, source: row.source },
        'alert notification could not be processed',
      );
      outcome = 'failed';
    }
    const finished = await item.complete((tx) => tx.alerts.finish(row.id, clock.now(), outcome));
    if (!finished.held) return false;
    deps.onOutcome?.(row.source, outcome);
    logger.info({ notification: row.id, source: row.source, outcome }, 'alert notification processed');
    return true;
  }

  return {
    /** Stores a notification the endpoint accepted; the caller then answers 202 and runs the job. */
    record(source: string, n: AlertNotification): Promise<number> {
      return store.alerts.record(source, n.kind, clock.now(), n);
    },
    /**
     * The recorded notifications not yet processed (after a burst, at start, on each tick). The
     * claim takes nothing while another replica holds some, and runs in a transaction, so they are
     * worked through in order by one replica at a time; one that died leaves its lease to run out.
     */
    job: { name: 'alerts', kind: 'alert', batch: BATCH, claimAtomically: true, work } satisfies TimedJob,
    /** The notify routes' notices still due (Slack failed them, or the process stopped first). */
    noticesJob: notifyRoute.job,
    pendingCount: () => store.alerts.pendingCount(),
  };
}
