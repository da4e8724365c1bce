import { entries } from '../timeline/entries';
import { facts, nobodyListens } from './after-change';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { requireOpenIncident } from './lookup';
import { requireAccess } from './permissions';

export interface AcknowledgeResult {
  incident: Incident;
  /** False when this person had acknowledged already (a second click, a redelivered action). */
  recorded: boolean;
}

/**
 * "I am on it": the commander answering the DM that asked, or a person called in. The first
 * acknowledgement is the incident's (acknowledgedAt, the postmortem's key time, and what the
 * ladder's `unless: acknowledged` levels wait for); each person's is on the timeline once per
 * commander, so a repeated click records nothing.
 */
export function createAcknowledge(deps: IncidentsDeps) {
  const { store, recorder, conversation, policy, clock, logger, afterChange = nobodyListens } = deps;
  return async function acknowledge(input: { incidentId: number; userId: string }): Promise<AcknowledgeResult> {
    await requireAccess(
      await store.incidents.get(input.incidentId),
      input.userId,
      { need: 'change', open: true },
      policy,
      conversation.isMember,
    );
    const now = clock.now();
    // The source key makes the timeline entry the guard: its insert and the incident's change are one transaction.
    const result = await store.transaction(async (tx): Promise<AcknowledgeResult> => {
      const before = await requireOpenIncident(tx, input.incidentId);
      const recorded =
        (await recorder.record(tx, {
          ...entries.acknowledged(
            { incidentId: before.id, at: now, actorId: input.userId },
            { by: input.userId, commanderId: before.commanderId, self: false },
          ),
          sourceKey: `ack:${before.commanderId}:${input.userId}`,
        })) !== undefined;
      if (!recorded) return { incident: before, recorded };
      const incident =
        before.acknowledgedAt === null
          ? await tx.incidents.update(before.id, { acknowledgedAt: now, acknowledgedBy: input.userId })
          : before;
      await afterChange(incident, facts(now, { acknowledged: true, actorId: input.userId }), tx);
      return { incident, recorded };
    });
    if (result.recorded) {
      logger.info({ incidentId: input.incidentId }, 'incident acknowledged');
      // The pinned summary's next escalation may have changed (an `unless: acknowledged` level is off).
      await conversation
        .refreshKickoff(result.incident)
        .catch(() => logger.warn({ incidentId: input.incidentId }, 'could not refresh the summary'));
    }
    return result;
  };
}
