import type { ChecklistCondition, ChecklistConfig } from './checklists.config';

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

/**
 * The lists a change attaches: those whose condition the incident now meets and that it does not
 * hold yet; none once it is resolved. The one decision of the live run (attach.ts) and the dry run
 * (`npm run rules -- test`), so they cannot disagree.
 */
export function listsToAttach(
  lists: readonly ChecklistConfig[],
  held: ReadonlySet<string>,
  incident: IncidentFacts & { resolved: boolean },
): ChecklistConfig[] {
  if (incident.resolved) return [];
  return lists.filter((list) => !held.has(list.id) && conditionHolds(list.when, incident));
}
