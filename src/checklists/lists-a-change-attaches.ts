import type { ChecklistConfig } from './checklists.config';
import { type IncidentFacts, listsToAttach } from './conditions';

/**
 * The lists a change would attach, for an incident known only by what it was before the change and
 * what it is after (the dry run's): it holds every list whose condition it met before (each was
 * attached when its condition became true), and gets what the live run's decision gives it on top.
 * `before` null: the change is the declaration, so it holds none.
 */
export function listsAChangeAttaches(
  lists: readonly ChecklistConfig[],
  before: IncidentFacts | null,
  after: IncidentFacts & { resolved: boolean },
): ChecklistConfig[] {
  const none = new Set<string>();
  const held = before ? listsToAttach(lists, none, { ...before, resolved: false }).map((l) => l.id) : [];
  return listsToAttach(lists, new Set(held), after);
}
