import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { IncidentError } from '../incidents/incidents.errors';
import type { Incident } from '../incidents/incident.types';
import { type IsMember, requireAccess } from '../incidents/permissions';
import type { Repositories, Tx } from '../store';
import { hasVisibleText } from '../text/clean-text';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import { AD_HOC, type ChecklistItem, type IncidentChecklists } from './checklist.types';
import { blockingItems } from './resolve-check';

export interface ChecklistsDeps {
  store: Repositories<'incidents' | 'checklists' | 'timeline' | 'transaction'>;
  recorder: Recorder;
  policy: Policy;
  clock: Clock;
  isMember: IsMember;
  /** Asks for the checklist message to be brought up to date now (after the change has committed). */
  refreshSoon?: (incidentId: number) => void;
}

/** An incident's lists with their items, ad-hoc items apart. */
export async function checklistsOf(tx: Pick<Tx, 'checklists'>, incidentId: number): Promise<IncidentChecklists> {
  const [lists, items] = await Promise.all([tx.checklists.listsOf(incidentId), tx.checklists.itemsOf(incidentId)]);
  return {
    lists: lists.map((list) => ({ ...list, items: items.filter((i) => i.listId === list.listId) })),
    adHoc: items.filter((i) => i.listId === AD_HOC),
  };
}

export type ChecklistsService = ReturnType<typeof createChecklistsService>;

/**
 * Ticking items, adding items in the channel and reading the lists. Only people who may change the
 * incident tick or add (the same check as every other change); each change is on the timeline with
 * who and when, and a repeated request (Slack redelivering a click) changes nothing.
 */
export function createChecklistsService(deps: ChecklistsDeps) {
  const { store, recorder, policy, clock, isMember } = deps;
  const changed = (tx: Pick<Tx, 'afterCommit'>, incidentId: number) => {
    const refresh = deps.refreshSoon;
    if (refresh) tx.afterCommit(() => refresh(incidentId));
  };
  const mayChange = async (incidentId: number, userId: string) =>
    requireAccess(await store.incidents.get(incidentId), userId, { need: 'change' }, policy, isMember);

  return {
    of: (incidentId: number) => checklistsOf(store, incidentId),

    /** Unticked required items, by what resolving does with them. */
    blockers: async (incidentId: number) => blockingItems(await checklistsOf(store, incidentId)),

    /** Ticks (`done`) or unticks an item; `changed` false when it already was that way. */
    async tick(input: { itemId: number; userId: string; done: boolean }): Promise<{
      incident: Incident;
      item: ChecklistItem;
      changed: boolean;
    }> {
      const found = await store.checklists.item(input.itemId);
      if (!found) throw new IncidentError('no_such_item', 'That checklist item no longer exists.');
      const incident = await mayChange(found.incidentId, input.userId);
      const now = clock.now();
      return store.transaction(async (tx) => {
        const moved = await tx.checklists.tick(found.id, input.done ? { at: now, by: input.userId } : null);
        const item = (await tx.checklists.item(found.id)) ?? found;
        if (!moved) return { incident, item, changed: false };
        await recorder.record(
          tx,
          entries.checklistItemTicked(
            { incidentId: incident.id, at: now, actorId: input.userId },
            { itemId: item.id, listId: item.listId, text: item.text, done: input.done },
          ),
        );
        await tx.checklists.touch(incident.id, now);
        changed(tx, incident.id);
        return { incident, item, changed: true };
      });
    },

    /** `/incident task add <text> [@owner]`: once per request (`key`, the command's trigger). */
    async addTask(input: {
      incidentId: number;
      text: string;
      ownerId: string | null;
      userId: string;
      key: string;
    }): Promise<{ item: ChecklistItem; created: boolean }> {
      const text = input.text.trim();
      if (!hasVisibleText(text))
        throw new IncidentError('invalid_input', 'Say what the task is, e.g. `/incident task add Page the DBA @dana`.');
      if (text.length > 200) throw new IncidentError('invalid_input', 'A task is at most 200 characters.');
      const incident = await mayChange(input.incidentId, input.userId);
      const now = clock.now();
      return store.transaction(async (tx) => {
        const added = await tx.checklists.addAdHoc(incident.id, AD_HOC, {
          text,
          link: null,
          role: null,
          ownerId: input.ownerId,
          required: false,
          addedBy: input.userId,
          requestKey: input.key,
        });
        if (!added.created) return added;
        await recorder.record(
          tx,
          entries.checklistItemAdded(
            { incidentId: incident.id, at: now, actorId: input.userId },
            { itemId: added.item.id, text, ownerId: input.ownerId },
          ),
        );
        await tx.checklists.touch(incident.id, now);
        changed(tx, incident.id);
        return added;
      });
    },
  };
}
