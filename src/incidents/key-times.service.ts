import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { ConversationPort } from './conversation.port';
import type { Incident } from './incident.types';
import { IncidentError } from './incidents.errors';
import {
  KEY_TIME_LABELS,
  KEY_TIMES,
  type KeyTime,
  type KeyTimeProblem,
  type KeyTimeValues,
  keyTimes,
  keyTimesProblem,
} from './key-times';
import { requireIncident } from './lookup';
import { requireAccess } from './permissions';

export type KeyTimesService = ReturnType<typeof createKeyTimesService>;

export interface KeyTimesDeps {
  store: Repositories<'incidents' | 'statusUpdates' | 'timeline' | 'keyTimes' | 'transaction'>;
  /** The one way entries reach the timeline (and webhooks and metrics hear of them). */
  recorder: Recorder;
  conversation: Pick<ConversationPort, 'isMember'>;
  policy: Policy;
  clock: Clock;
  logger: Logger;
}

/** A key time that cannot be right, with the field it belongs to. */
export class KeyTimeError extends IncidentError {
  constructor(readonly problem: KeyTimeProblem) {
    super('invalid_input', problem.message);
  }
}

/** The incident's key times as they stand: recorded, with the corrections over them. */
export async function currentKeyTimes(
  store: Repositories<'statusUpdates' | 'timeline' | 'keyTimes'>,
  incident: Incident,
): Promise<KeyTimeValues> {
  return keyTimes({
    incident,
    updates: await store.statusUpdates.list(incident.id),
    firstCommanderActionAt: await store.timeline.firstBy(incident.id, incident.commanderId),
    corrections: await store.keyTimes.corrections(incident.id),
  });
}

export function createKeyTimesService({ store, recorder, conversation, policy, clock, logger }: KeyTimesDeps) {
  /** The times as they would be with these corrections (over `now`), or the first one that cannot be right. */
  function proposed(now: KeyTimeValues, given: Partial<KeyTimeValues>): KeyTimeValues {
    const merged = { ...now };
    for (const key of KEY_TIMES) {
      const value = given[key];
      if (value === undefined) continue;
      if (value === null && now[key] !== null)
        throw new KeyTimeError({ key, message: `Give a time: ${KEY_TIME_LABELS[key].toLowerCase()} is known.` });
      merged[key] = value;
    }
    const problem = keyTimesProblem(merged, clock.now());
    if (problem) throw new KeyTimeError(problem);
    return merged;
  }

  return {
    async of(incidentId: number): Promise<KeyTimeValues> {
      return currentKeyTimes(store, await requireIncident(store, incidentId));
    },

    /** The field that would be refused, for the form to show before it closes. */
    async problem(incidentId: number, given: Partial<KeyTimeValues>): Promise<KeyTimeProblem | null> {
      const now = await currentKeyTimes(store, await requireIncident(store, incidentId));
      try {
        proposed(now, given);
        return null;
      } catch (error) {
        if (error instanceof KeyTimeError) return error.problem;
        throw error;
      }
    },

    /**
     * Records the times that differ from the current ones, each with its old and new value on the
     * timeline. Checked again inside the transaction: two people correcting at once get one order.
     */
    async correct(input: { incidentId: number; times: Partial<KeyTimeValues>; actorId: string }): Promise<KeyTime[]> {
      await requireAccess(
        await store.incidents.get(input.incidentId),
        input.actorId,
        { need: 'change', open: false },
        policy,
        conversation.isMember,
      );
      const at = clock.now();
      const changed = await store.transaction(async (tx) => {
        const incident = await requireIncident(tx, input.incidentId);
        const before = await currentKeyTimes(tx, incident);
        const after = proposed(before, input.times);
        const keys = KEY_TIMES.filter((key) => after[key] !== before[key] && after[key] !== null);
        for (const key of keys) {
          const to = after[key] as number;
          await tx.keyTimes.correct(incident.id, key, to);
          await recorder.record(
            tx,
            entries.keyTimeCorrected(
              { incidentId: incident.id, at, actorId: input.actorId },
              { key, label: KEY_TIME_LABELS[key], from: before[key], to },
            ),
          );
        }
        return keys;
      });
      if (changed.length > 0) logger.info({ incidentId: input.incidentId, keys: changed }, 'key times corrected');
      return changed;
    },
  };
}
