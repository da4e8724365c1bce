import type { ChecklistCondition } from './checklists.config';

/** What a condition is matched against: the incident as it is now. */
export interface IncidentFacts {
  severity: string;
  /** The affected services' ids. */
  services: readonly string[];
  type: string;
  isPrivate: boolean;
}

/**
 * Whether an incident meets a condition: every key given must hold, and a key's list means any of
 * (severities without regard to case, as everywhere else). No keys: every incident.
 */
export function conditionHolds(when: ChecklistCondition, incident: IncidentFacts): boolean {
  if (when.severity && !when.severity.some((s) => s.toUpperCase() === incident.severity.toUpperCase())) return false;
  if (when.service && !when.service.some((s) => incident.services.includes(s))) return false;
  if (when.type && !when.type.includes(incident.type)) return false;
  if (when.private !== undefined && when.private !== incident.isPrivate) return false;
  return true;
}
