import type { Clock } from '../clock';
import { IncidentError } from '../incidents/incidents.errors';
import { requireIncident } from '../incidents/lookup';
import type { Repositories, Tx } from '../store';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { Followup } from '../timeline/timeline.types';

export interface FollowupsDeps {
  store: Repositories<'incidents' | 'followups' | 'transaction'>;
  /** The one way entries reach the timeline (and webhooks and metrics hear of them). */
  recorder: Recorder;
  clock: Clock;
  /** Follow-ups' issues in a tracker (src/trackers), told in the transaction that adds or completes one. */
  trackers?: {
    added(tx: Tx, followup: Followup, now: number): Promise<void>;
    done(tx: Tx, followup: Followup, now: number): Promise<void>;
  };
}

export type FollowupsService = ReturnType<typeof createFollowupsService>;

/** The work an incident leaves behind: follow-ups added, listed and marked done, each on its timeline. */
export function createFollowupsService({ store, recorder, clock, trackers }: FollowupsDeps) {
  /** Marks the follow-up done in the caller's transaction; the entry is written once, by whoever changed it. */
  async function complete(
    tx: Tx,
    followup: Followup,
    userId: string,
  ): Promise<{ followup: Followup; changed: boolean }> {
    const now = clock.now();
    const changed = await tx.followups.markDone(followup.id, now);
    if (changed) {
      await recorder.record(
        tx,
        entries.followupDone(
          { incidentId: followup.incidentId, at: now, actorId: userId },
          { followupId: followup.id, text: followup.text },
        ),
      );
      await trackers?.done(tx, followup, now);
    }
    return { followup: { ...followup, doneAt: followup.doneAt ?? now }, changed };
  }

  return {
    /** Adds a follow-up once per request key, on the timeline too. */
    async add(
      incidentId: number,
      input: { text: string; ownerId: string | null; createdBy: string; requestKey: string; dueAt?: number | null },
    ): Promise<{ followup: Followup; created: boolean }> {
      await requireIncident(store, incidentId);
      const text = input.text.trim();
      if (!text) throw new IncidentError('empty_followup', 'A follow-up needs a description.');
      return store.transaction(async (tx) => {
        const now = clock.now();
        const result = await tx.followups.add({
          incidentId,
          text,
          ownerId: input.ownerId,
          createdBy: input.createdBy,
          createdAt: now,
          requestKey: input.requestKey,
          dueAt: input.dueAt ?? null,
        });
        if (result.created) {
          const followupId = result.followup.id;
          await recorder.record(
            tx,
            entries.followupAdded(
              { incidentId, at: now, actorId: input.createdBy },
              { followupId, ownerId: input.ownerId, text },
            ),
          );
          await trackers?.added(tx, result.followup, now);
        }
        return result;
      });
    },

    /** Marks the follow-up with this number (as the follow-up list numbers them) done, once. */
    async completeByNumber(
      incidentId: number,
      number: number,
      userId: string,
    ): Promise<{ followup: Followup; changed: boolean }> {
      await requireIncident(store, incidentId);
      return store.transaction(async (tx) => {
        const list = await tx.followups.list(incidentId);
        const followup = list[number - 1];
        if (!followup)
          throw new IncidentError('no_such_followup', `There is no follow-up ${number}.`, {
            number,
            count: list.length,
          });
        return complete(tx, followup, userId);
      });
    },

    /** Marks a follow-up done by its id (the Done button of a nudge); the caller checks who may. */
    completeById(followupId: number, userId: string): Promise<{ followup: Followup; changed: boolean }> {
      return store.transaction(async (tx) => {
        const followup = await tx.followups.get(followupId);
        if (!followup) throw new IncidentError('no_such_followup', 'That follow-up no longer exists.');
        return complete(tx, followup, userId);
      });
    },

    /** An incident's follow-ups, in the order they were added (their numbers). */
    of(incidentId: number): Promise<Followup[]> {
      return store.followups.list(incidentId);
    },
  };
}
