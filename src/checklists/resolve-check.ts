import { IncidentError } from '../incidents/incidents.errors';
import type { Incident } from '../incidents/incident.types';
import type { Tx } from '../store';
import type { ChecklistItem, IncidentChecklists } from './checklist.types';

/** An unticked required item, with the title of its list. */
export type Blocker = ChecklistItem & { list: string };

/** Required items left unticked: those of `refuse` lists block resolving, those of `warn` lists are named. */
export function blockingItems(checklists: IncidentChecklists): { refuse: Blocker[]; warn: Blocker[] } {
  const found = { refuse: [] as Blocker[], warn: [] as Blocker[] };
  for (const list of checklists.lists)
    for (const item of list.items)
      if (item.required && item.tickedAt === null) found[list.onResolve].push({ ...item, list: list.title });
  return found;
}

/** "Check X (Investigation)", "Tell Y (Communication)": the items as one line. */
export const blockerLine = (blockers: readonly Blocker[]): string =>
  blockers.map((b) => `"${b.text}" (${b.list})`).join(', ');

export const incompleteError = (incidentId: number, blockers: readonly Blocker[]): IncidentError =>
  new IncidentError(
    'checklist_incomplete',
    `Incident #${incidentId} cannot be resolved until these required checklist items are done: ${blockerLine(blockers)}.`,
    { incidentId },
  );

/**
 * The incidents' resolve guard: inside the resolve's transaction, an incident with required items
 * of a `refuse` list unticked is not resolved; the error names them.
 */
export async function refuseUnfinished(incident: Incident, tx: Pick<Tx, 'checklists'>): Promise<void> {
  const [lists, items] = await Promise.all([tx.checklists.listsOf(incident.id), tx.checklists.itemsOf(incident.id)]);
  const refusing = new Set(lists.filter((l) => l.onResolve === 'refuse').map((l) => l.listId));
  if (refusing.size === 0) return;
  const { refuse } = blockingItems({
    lists: lists.map((l) => ({ ...l, items: items.filter((i) => i.listId === l.listId) })),
    adHoc: [],
  });
  if (refuse.length > 0) throw incompleteError(incident.id, refuse);
}
