import { setImmediate as nextTurn } from 'node:timers/promises';
import { keepRenewed, leaseHolderOf, leaseTerms } from '../lease-holder';
import type { AlertNotification, AlertOutcome } from './alert.types';
import type { AlertsDeps } from './alerts.deps';
import { createDeclareRoute } from './declare-route';
import { createNotifyRoute } from './notify-route';
import { routeFor } from './routing';

/** Notifications leased at once; a burst is taken in several (each lease runs from its claim). */
const CLAIM_AT_ONCE = 20;

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
  const lease = deps.lease ?? leaseHolderOf(policy);
  const config = policy.alerts;
  const declareRoute = createDeclareRoute({ ...deps, lease });
  const notifyRoute = createNotifyRoute({ ...deps, lease });
  let draining: Promise<number> | null = null;
  let again = false;

  async function processOne(source: string, n: AlertNotification): Promise<AlertOutcome> {
    const route = routeFor(config.routes, n.labels);
    if (!route) return 'unrouted';
    if (route.action === 'drop') return 'dropped';
    if (route.action === 'notify') return notifyRoute.notify(source, n, route);
    return declareRoute.declareOrAttach(source, n, route);
  }

  /**
   * Leases the next notifications, in order. The claim runs in a transaction (one at a time across
   * replicas) and takes nothing while another replica holds some, so notifications are worked
   * through in order by one replica at a time; one that died leaves its lease to run out.
   */
  function claimBatch() {
    const now = clock.now();
    return store.transaction((tx) => tx.leases.claimDue('alert', now, leaseTerms(lease, now), CLAIM_AT_ONCE));
  }

  async function drainOnce(): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await claimBatch();
      if (batch.length === 0) return done;
      const waiting = new Set(batch.map((leased) => leased.id));
      const stop = keepRenewed(lease, () =>
        Promise.all([...waiting].map((id) => store.leases.renew('alert', id, leaseTerms(lease, clock.now())))),
      );
      try {
        done += await work(
          batch.map((leased) => leased.id),
          waiting,
        );
      } finally {
        stop();
      }
    }
  }

  /** Processes leased notifications in order; each leaves `waiting` (stops being renewed) once finished. */
  async function work(ids: number[], waiting: Set<number>): Promise<number> {
    let done = 0;
    for (const id of ids) {
      const row = await store.alerts.notification(id);
      if (!row) continue;
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
      waiting.delete(id);
      const finished = await store.transaction(async (tx) => {
        if (!(await tx.leases.release('alert', row.id, lease.owner))) return false;
        await tx.alerts.finish(row.id, clock.now(), outcome);
        return true;
      });
      if (finished) {
        deps.onOutcome?.(row.source, outcome);
        logger.info({ notification: row.id, source: row.source, outcome }, 'alert notification processed');
        done++;
      }
      // Let waiting requests in between notifications: a burst is still being answered while it is worked through.
      await nextTurn();
    }
    return done;
  }

  return {
    /** Stores a notification the endpoint accepted; the caller then answers 202 and calls drain(). */
    record(source: string, n: AlertNotification): Promise<number> {
      return store.alerts.record(source, n.kind, clock.now(), n);
    },
    /**
     * Processes every recorded notification not yet done (after a burst, at start, on each tick).
     * One run at a time: a call during a run makes that run look again before it ends.
     */
    drain(): Promise<number> {
      if (draining) {
        again = true;
        return draining;
      }
      const run = async () => {
        let total = 0;
        do {
          again = false;
          total += await drainOnce();
        } while (again);
        return total;
      };
      draining = run().finally(() => {
        draining = null;
      });
      return draining;
    },
    pendingCount: () => store.alerts.pendingCount(),
    /** Posts the notify routes' notices still due (Slack failed them, or the process stopped first). */
    sendDueNotices: () => notifyRoute.sendDue(),
  };
}
