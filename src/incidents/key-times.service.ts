import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import { entries } from '../timeline/entries';
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
export function currentKeyTimes(
  store: Repositories<'statusUpdates' | 'timeline' | 'keyTimes'>,
  incident: Incident,
): KeyTimeValues {
  return keyTimes({
    incident,
    updates: store.statusUpdates.list(incident.id),
    firstCommanderActionAt: store.timeline.firstBy(incident.id, incident.commanderId),
    corrections: store.keyTimes.corrections(incident.id),
  });
}

export function createKeyTimesService({ store, conversation, policy, clock, logger }: KeyTimesDeps) {
  const current = (incident: Incident) => currentKeyTimes(store, incident);

  /** The times as they would be with these corrections, or the first one that cannot be right. */
  function proposed(incident: Incident, given: Partial<KeyTimeValues>): KeyTimeValues {
    const now = current(incident);
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
    of(incidentId: number): KeyTimeValues {
      return current(requireIncident(store, incidentId));
    },

    /** The field that would be refused, for the form to show before it closes. */
    problem(incidentId: number, given: Partial<KeyTimeValues>): KeyTimeProblem | null {
      try {
        proposed(requireIncident(store, incidentId), given);
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
        store.incidents.get(input.incidentId),
        input.actorId,
        { need: 'change', open: false },
        policy,
        conversation.isMember,
      );
      const at = clock.now();
      const changed = store.transaction(() => {
        const incident = requireIncident(store, input.incidentId);
        const before = current(incident);
        const after = proposed(incident, input.times);
        const keys = KEY_TIMES.filter((key) => after[key] !== before[key] && after[key] !== null);
        for (const key of keys) {
          const to = after[key] as number;
          store.keyTimes.correct(incident.id, key, to);
          store.timeline.append(
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
