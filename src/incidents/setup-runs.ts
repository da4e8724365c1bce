import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../clock';
import { keepRenewed, type LeaseHolder, leaseTerms } from '../timers/lease-holder';
import type { Repositories } from '../store';
import type { SetupHooks, SetupResult } from './declare';
import { requireIncident } from './lookup';

/** How often a replica waiting for another's set-up of the same incident looks again. */
const WAIT_STEP_MS = 250;

interface SetupRunsDeps {
  store: Repositories<'incidents' | 'leases'>;
  clock: Clock;
  lease: LeaseHolder;
  /** One attempt at the set-up steps not yet done (declare.ts). */
  setUp: (incidentId: number, fresh: boolean, hooks: SetupHooks) => Promise<SetupResult>;
}

/**
 * Who runs an incident's set-up: within a process, callers for one incident share its run; across
 * replicas, the set-up lease decides, so a double submit that reached two replicas makes one channel.
 */
export function createSetupRuns({ store, clock, lease, setUp }: SetupRunsDeps) {
  const running = new Map<number, Promise<SetupResult | null>>();

  /**
   * Sets the incident up while holding its set-up lease, so a double submit that reached two
   * replicas still makes one channel. `wait`: when another replica holds the lease, wait for it to
   * finish (or for its lease to run out, when it died) and then go on here, which finds its steps
   * done and shows the declarer the channel; without `wait`, leave it to that replica (null).
   */
  async function leasedSetUp(
    incidentId: number,
    fresh: boolean,
    hooks: SetupHooks,
    wait: boolean,
  ): Promise<SetupResult | null> {
    for (;;) {
      const now = clock.now();
      const leased = await store.leases.claim('setup', incidentId, now, leaseTerms(lease, now));
      if (leased) {
        const stop = keepRenewed(lease, () => store.leases.renew('setup', incidentId, leaseTerms(lease, clock.now())));
        try {
          // Taken over from a replica that died mid-way: it may have posted already.
          return await setUp(incidentId, fresh && !leased.takenOver, hooks);
        } finally {
          stop();
          await store.leases.release('setup', incidentId, lease.owner);
        }
      }
      if (!wait) {
        // Whoever holds it finishes it; if it died, a retry takes it over once its lease runs out.
        const holder = await store.leases.holder('setup', incidentId);
        if (!holder) continue; // given back just now: try again
        if ((await requireIncident(store, incidentId)).setupDoneAt === null)
          await store.incidents.planSetupRetry(incidentId, holder.until);
        return null;
      }
      await delay(WAIT_STEP_MS);
    }
  }

  /** One set-up at a time per incident, so a double submit cannot create two channels. */
  async function finishSetup(
    incidentId: number,
    fresh = false,
    hooks: SetupHooks = {},
    wait = true,
  ): Promise<SetupResult | null> {
    const inFlight = running.get(incidentId);
    if (inFlight) {
      const shared = await inFlight;
      // A run that left the set-up to another replica answers a caller that would rather wait: look again.
      if (shared || !wait) return shared;
      return finishSetup(incidentId, fresh, hooks, wait);
    }
    const work = leasedSetUp(incidentId, fresh, hooks, wait).finally(() => running.delete(incidentId));
    running.set(incidentId, work);
    return work;
  }

  /** Waits for the set-up, here or on another replica. */
  const setUpWaiting = async (incidentId: number, fresh = false, hooks: SetupHooks = {}) =>
    (await finishSetup(incidentId, fresh, hooks, true)) as SetupResult;

  return { finishSetup, setUpWaiting };
}
