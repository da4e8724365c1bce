import { findSeverity, type Policy } from '../config/policy';
import type { Incident } from './incident.types';

/** How often an incident of this severity gets a status update; null when its severity asks for none. */
export const updateCadence = (policy: Policy, severityId: string): number | null =>
  findSeverity(policy, severityId)?.updateEvery ?? null;

/**
 * When the next status update is due: the severity's cadence after the last update (or the
 * declaration). Null when the incident is resolved or its severity has no cadence.
 */
export function nextUpdateDue(incident: Incident, policy: Policy): number | null {
  if (incident.resolvedAt !== null) return null;
  const every = updateCadence(policy, incident.severity);
  if (every === null) return null;
  return (incident.lastUpdateAt ?? incident.declaredAt) + every;
}

/** Whether the open incident's next status update is past due at `now`. */
export function isUpdateOverdue(incident: Incident, policy: Policy, now: number): boolean {
  const due = nextUpdateDue(incident, policy);
  return due !== null && due < now;
}
