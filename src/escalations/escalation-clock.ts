import { findSeverity, type Policy } from '../config/policy';
import type { AfterChange } from '../incidents/after-change';
import type { Incident } from '../incidents/incident.types';
import type { Repositories } from '../store';
import { ladderOf, timersFor, unlessHolds } from './ladder';

type Store = Repositories<'escalationTimers'>;

/** Asks the commander to acknowledge, now and again once acknowledgeWithin has passed. */
async function askToAcknowledge(store: Store, incident: Incident, policy: Policy, at: number): Promise<void> {
  const within = findSeverity(policy, incident.severity)?.acknowledgeWithin ?? null;
  if (within === null) return;
  const about = { incidentId: incident.id, level: 0, userId: incident.commanderId };
  await store.escalationTimers.add({ ...about, kind: 'ack_request', dueAt: at });
  await store.escalationTimers.add({ ...about, kind: 'ack_overdue', dueAt: at + within });
}

/** Pending levels whose `unless` state the incident has reached are not needed any more. */
async function cancelReached(store: Store, incident: Incident, policy: Policy, at: number): Promise<void> {
  const ladder = ladderOf(policy, incident.severity);
  for (const timer of await store.escalationTimers.list(incident.id)) {
    if (timer.state !== 'pending') continue;
    const level = timer.kind === 'level' ? ladder.find((l) => l.number === timer.level) : undefined;
    const done =
      incident.resolvedAt !== null ||
      (level !== undefined && unlessHolds(incident, level.unless)) ||
      (timer.kind === 'comms' && incident.roles.comms !== undefined);
    if (done) await store.escalationTimers.finish(timer.id, 'cancelled', at);
  }
}

/**
 * Incidents declared before this version have no timers: their ladder starts from the
 * declaration like any other (levels already past their time fire at the next tick, in order).
 * Nobody is asked to acknowledge an incident that has long been running.
 */
export function planUnplanned(
  store: Repositories<'escalationTimers' | 'incidents' | 'transaction'>,
  policy: Policy,
): Promise<number[]> {
  return store.transaction(async (tx) => {
    const ids = await tx.escalationTimers.unplannedOpenIds(500);
    for (const id of ids) {
      const incident = await tx.incidents.get(id);
      if (incident) for (const timer of timersFor(incident, policy)) await tx.escalationTimers.add(timer);
    }
    return ids;
  });
}

/**
 * Keeps each incident's escalation clock in step with it, from the incidents' one hook and inside
 * the transaction that changed the incident: a declaration starts the ladder, the acknowledgement
 * request and the comms timer; a new commander is asked anew; a new severity brings its own ladder
 * from the first level not yet fired; an acknowledgement, a status or a resolve that reaches a
 * level's `unless` state cancels it.
 */
export function planEscalation({ policy }: { policy: Policy }): AfterChange {
  return async (incident, facts, tx) => {
    // An incident recorded after it ended has nobody to call in, nor anyone to ask to acknowledge.
    if (incident.retroactive) return;
    const { at } = facts;
    if (facts.declared) {
      for (const timer of timersFor(incident, policy)) await tx.escalationTimers.add(timer);
      if (incident.acknowledgedAt === null) await askToAcknowledge(tx, incident, policy, at);
      const comms = findSeverity(policy, incident.severity)?.commsWithin ?? null;
      if (comms !== null)
        await tx.escalationTimers.add({
          incidentId: incident.id,
          kind: 'comms',
          level: 0,
          userId: incident.commanderId,
          dueAt: incident.declaredAt + comms,
        });
    }
    if (facts.acknowledged || facts.newCommander) {
      await tx.escalationTimers.cancelPending(incident.id, 'ack_request', at);
      await tx.escalationTimers.cancelPending(incident.id, 'ack_overdue', at);
    }
    // Taking over an incident yourself needs no DM asking whether you are there.
    if (facts.newCommander && facts.actorId !== incident.commanderId) await askToAcknowledge(tx, incident, policy, at);
    if (facts.severityChanged) {
      const fired = (await tx.escalationTimers.list(incident.id)).filter(
        (t) => t.kind === 'level' && (t.state === 'fired' || t.state === 'skipped'),
      );
      const highest = Math.max(0, ...fired.map((t) => t.level));
      await tx.escalationTimers.cancelPending(incident.id, 'level', at);
      for (const timer of timersFor(incident, policy, highest + 1)) await tx.escalationTimers.add(timer);
    }
    await cancelReached(tx, incident, policy, at);
  };
}
