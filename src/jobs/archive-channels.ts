import { errorCode, isTransient } from '../chat-error';
import type { Incident } from '../incidents/incident.types';
import type { IncidentsDeps } from '../incidents/incidents.deps';
import { requireIncident } from '../incidents/lookup';
import { entries } from '../timeline/entries';

import { eachLeased, leaseHolderOf, leaseTerms, type LeaseHolder } from '../lease-holder';

/** How long a failed archive waits before it is tried again. */
const RETRY_AFTER = 5 * 60_000;
const BATCH = 50;

/**
 * Archives the channels of incidents resolved `archiveAfter` ago. Each is leased before any
 * Slack call, so overlapping ticks or replicas never archive at once, and completed only by the
 * lease holder; a replica that dies mid-way leaves the lease to run out for another to take over.
 * The farewell message is recorded as a step so a retry does not post it again.
 */
export function createChannelArchiving(deps: Omit<IncidentsDeps, 'afterChange'> & { lease?: LeaseHolder }) {
  const { store, conversation, policy, clock, logger } = deps;
  const lease = deps.lease ?? leaseHolderOf(policy);

  /** The leased incident, if its channel is still to archive; otherwise settled and the lease given back. */
  function decide(id: number, now: number): Promise<Incident | null> {
    return store.transaction(async (tx) => {
      if ((await tx.leases.holder('archive', id))?.owner !== lease.owner) return null;
      const incident = await tx.incidents.get(id);
      if (!incident || incident.archiveDueAt === null || incident.archiveDueAt > now) {
        await tx.leases.release('archive', id, lease.owner);
        return null;
      }
      if (incident.resolvedAt === null || incident.archivedAt !== null || !incident.channelId) {
        await tx.leases.release('archive', id, lease.owner);
        await tx.incidents.update(id, { archiveDueAt: null });
        return null;
      }
      return incident;
    });
  }

  /** Gives the lease back, and tries again later (a passing failure) or not (someone reopened it). */
  function letGo(id: number, retryAt: number | null): Promise<void> {
    return store.transaction(async (tx) => {
      if (!(await tx.leases.release('archive', id, lease.owner))) return;
      if (retryAt !== null) await tx.incidents.update(id, { archiveDueAt: retryAt });
    });
  }

  function finish(
    incident: Incident,
    now: number,
    outcome: 'archived' | 'archive_failed',
    code?: string,
  ): Promise<void> {
    return store.transaction(async (tx) => {
      if (!(await tx.leases.release('archive', incident.id, lease.owner))) return;
      await tx.incidents.update(incident.id, {
        archiveDueAt: null,
        ...(outcome === 'archived' ? { archivedAt: now } : {}),
      });
      const at = { incidentId: incident.id, at: now };
      await tx.timeline.append(
        outcome === 'archived' ? entries.archived(at) : entries.archiveFailed(at, code ?? 'unknown'),
      );
    });
  }

  async function archiveOne(id: number, now: number, takenOver: boolean): Promise<boolean> {
    const incident = await decide(id, now);
    if (!incident) return false;
    const log = logger.child({ incidentId: id });
    try {
      if (!(await store.incidents.stepsDone(id)).has('archive_notice')) {
        // Keyed: a replica taking over one that died after posting it finds the farewell, not posts a second.
        await conversation.postChange(
          incident,
          { kind: 'archiving', after: policy.archiveAfter ?? 0 },
          { incidentId: id, step: 'archive_notice', mayExist: takenOver },
        );
        await store.incidents.markStepDone(id, 'archive_notice', now);
      }
      // Someone may have reopened it while the farewell was being posted.
      if ((await requireIncident(store, id)).resolvedAt === null) {
        await letGo(id, null);
        return false;
      }
      await conversation.archiveChannel(incident.channelId as string);
      await finish(incident, now, 'archived');
      log.info('incident channel archived');
      return true;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'already_archived') {
        await finish(incident, now, 'archived');
        return true;
      }
      if (isTransient(error)) {
        log.warn({ code }, 'archiving failed, will retry');
        await letGo(id, now + RETRY_AFTER);
        return false;
      }
      await finish(incident, now, 'archive_failed', code);
      log.error({ code }, 'incident channel could not be archived');
      return false;
    }
  }

  return {
    /** Archives what is due now; returns how many channels were archived. */
    async archiveDue(): Promise<number> {
      // Turning archiveAfter off stops archiving at once, also of channels already scheduled.
      if (policy.archiveAfter === null) return 0;
      const now = clock.now();
      let archived = 0;
      await eachLeased(
        {
          claim: (limit) => store.leases.claimDue('archive', now, leaseTerms(lease, clock.now()), limit),
          giveBack: (id) => store.leases.release('archive', id, lease.owner),
          renew: (id) => store.leases.renew('archive', id, leaseTerms(lease, clock.now())),
          holder: lease,
        },
        BATCH,
        async ({ id, takenOver }) => {
          if (await archiveOne(id, now, takenOver)) archived++;
        },
      );
      return archived;
    },
  };
}
