import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';

/**
 * When the next status update is due: the severity's cadence after the last update (or the
 * declaration). Null when the incident is resolved or its severity has no cadence.
 */
export function nextUpdateDue(incident: Incident, policy: Policy): number | null {
  if (incident.resolvedAt !== null) return null;
  const every = policy.severities.find((s) => s.id === incident.severity)?.updateEvery ?? null;
  if (every === null) return null;
  return (incident.lastUpdateAt ?? incident.declaredAt) + every;
}
