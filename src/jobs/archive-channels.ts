import { errorCode, isTransient, nextAttemptAt } from '../errors/chat-error';
import type { Incident } from '../incidents/incident.types';
import type { IncidentsDeps } from '../incidents/incidents.deps';
import { requireIncident } from '../incidents/lookup';
import { entries } from '../timeline/entries';

import type { ClaimedItem, TimedJob } from '../timers/timed-job';

/** How long a failed archive waits before it is tried again. */
const RETRY_AFTER = 5 * 60_000;
const BATCH = 50;

const due = (incident: Incident, now: number) => incident.archiveDueAt !== null && incident.archiveDueAt <= now;

/** Due, resolved, not archived yet, and with a channel to archive. */
const stillToArchive = (incident: Incident, now: number) =>
  due(incident, now) && incident.resolvedAt !== null && incident.archivedAt === null && Boolean(incident.channelId);

/**
 * Archives the channels of incidents resolved `archiveAfter` ago. Each is leased before any
 * Slack call, so overlapping ticks or replicas never archive at once, and completed only by the
 * lease holder; a replica that dies mid-way leaves the lease to run out for another to take over.
 * The farewell message is recorded as a step so a retry does not post it again.
 */
export function createChannelArchiving(deps: Omit<IncidentsDeps, 'afterChange'>) {
  const { store, recorder, conversation, policy, logger } = deps;

  /**
   * The leased incident, if its channel is still to archive; otherwise settled and the lease given
   * back. A plain read: holding the lease, no other replica archives it, and what settles it checks
   * again in its own transaction, as someone may reopen or resolve it meanwhile.
   */
  async function decide(item: ClaimedItem): Promise<Incident | null> {
    const incident = await store.incidents.get(item.id);
    if (incident && stillToArchive(incident, item.now)) return incident;
    await item.complete(async (tx) => {
      const current = await tx.incidents.get(item.id);
      if (current && due(current, item.now) && !stillToArchive(current, item.now))
        await tx.incidents.update(item.id, { archiveDueAt: null });
    });
    return null;
  }

  /** Gives the lease back, and tries again later (a passing failure) or not (someone reopened it). */
  async function letGo(item: ClaimedItem, retryAt: number | null): Promise<void> {
    await item.complete(async (tx) => {
      if (retryAt !== null) await tx.incidents.update(item.id, { archiveDueAt: retryAt });
    });
  }

  async function finish(
    item: ClaimedItem,
    incident: Incident,
    outcome: 'archived' | 'archive_failed',
    code?: string,
  ): Promise<void> {
    const { now } = item;
    await item.complete(async (tx) => {
      await tx.incidents.update(incident.id, {
        archiveDueAt: null,
        ...(outcome === 'archived' ? { archivedAt: now } : {}),
      });
      const at = { incidentId: incident.id, at: now };
      await recorder.record(
        tx,
        outcome === 'archived' ? entries.archived(at) : entries.archiveFailed(at, code ?? 'unknown'),
      );
    });
  }

  async function archiveOne(item: ClaimedItem): Promise<boolean> {
    const { id, now, takenOver } = item;
    const incident = await decide(item);
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
        await letGo(item, null);
        return false;
      }
      await conversation.archiveChannel(incident.channelId as string);
      await finish(item, incident, 'archived');
      log.info('incident channel archived');
      return true;
    } catch (error) {
      const code = errorCode(error);
      if (isTransient(error)) {
        log.warn({ code }, 'archiving failed, will retry');
        await letGo(item, nextAttemptAt(error, now, RETRY_AFTER));
        return false;
      }
      await finish(item, incident, 'archive_failed', code);
      log.error({ code }, 'incident channel could not be archived');
      return false;
    }
  }

  /** Channels of incidents resolved archiveAfter ago. Turning archiveAfter off stops archiving at once, also of channels already scheduled. */
  const job: TimedJob = {
    name: 'archived',
    kind: 'archive',
    batch: BATCH,
    enabled: () => policy.archiveAfter !== null,
    // Each incident's own channel: a few are archived at once, and recorded together.
    completeTogether: true,
    work: archiveOne,
  };
  return { job };
}
