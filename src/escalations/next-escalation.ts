import type { Policy } from '../config/policy';
import type { Repositories } from '../store';
import type { NextEscalation } from './escalation.port';
import { ladderOf } from './ladder';

/**
 * The ladder level an open incident climbs to next, and when: what the pinned summary and the
 * kick-off show. A query over the escalation clock's timers, so the chat adapter that shows it
 * needs no escalation service.
 */
export function nextEscalationOf({
  store,
  policy,
}: {
  store: Repositories<'incidents' | 'escalationTimers'>;
  policy: Policy;
}): (incidentId: number) => Promise<NextEscalation | null> {
  return async (incidentId) => {
    const incident = await store.incidents.get(incidentId);
    if (!incident || incident.resolvedAt !== null) return null;
    const ladder = ladderOf(policy, incident.severity);
    const pending = (await store.escalationTimers.list(incidentId))
      .filter((t) => t.kind === 'level' && t.state === 'pending' && t.dueAt !== null)
      .sort((a, b) => (a.dueAt as number) - (b.dueAt as number) || a.level - b.level)[0];
    const level = pending && ladder.find((l) => l.number === pending.level);
    return pending && level
      ? { number: level.number, name: level.name, dueAt: pending.dueAt as number, unless: level.unless }
      : null;
  };
}
