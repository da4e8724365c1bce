import type { AttachedList, ChecklistItem } from '../checklists/checklist.types';
import type { OnResolve } from '../checklists/checklists.config';
import type { Sql } from './sql';

interface ListRow {
  incident_id: number;
  list_id: string;
  title: string;
  on_resolve: string;
  attached_at: number;
  attached_by: string | null;
}

interface ItemRow {
  id: number;
  incident_id: number;
  list_id: string;
  place: number;
  text: string;
  link: string | null;
  role: string | null;
  owner_id: string | null;
  required: boolean | number;
  added_by: string | null;
  ticked_at: number | null;
  ticked_by: string | null;
}

const toList = (r: ListRow): AttachedList => ({
  incidentId: r.incident_id,
  listId: r.list_id,
  title: r.title,
  onResolve: r.on_resolve as OnResolve,
  attachedAt: r.attached_at,
  attachedBy: r.attached_by,
});

const toItem = (r: ItemRow): ChecklistItem => ({
  id: r.id,
  incidentId: r.incident_id,
  listId: r.list_id,
  place: r.place,
  text: r.text,
  link: r.link,
  role: r.role,
  ownerId: r.owner_id,
  required: Boolean(r.required),
  addedBy: r.added_by,
  tickedAt: r.ticked_at,
  tickedBy: r.ticked_by,
});

const ITEM_COLUMNS =
  'id, incident_id, list_id, place, text, link, role, owner_id, required, added_by, ticked_at, ticked_by';

export interface NewItem {
  text: string;
  link: string | null;
  role: string | null;
  ownerId: string | null;
  required: boolean;
}

/** The checklist message's state (migration 0022): where it is, and whether it must be brought up to date. */
export interface ChecklistMessage {
  incidentId: number;
  ts: string | null;
  dueAt: number | null;
  revision: number;
}

export type ChecklistsRepository = ReturnType<typeof createChecklistsRepository>;

/** Checklists attached to incidents, their items, and the message that shows them (migrations/0022). */
export function createChecklistsRepository(q: Sql) {
  return {
    async listsOf(incidentId: number): Promise<AttachedList[]> {
      const rows = await q.all<ListRow>(
        'SELECT incident_id, list_id, title, on_resolve, attached_at, attached_by FROM incident_checklists WHERE incident_id = $1 ORDER BY attached_at, list_id',
        [incidentId],
      );
      return rows.map(toList);
    },
    async itemsOf(incidentId: number): Promise<ChecklistItem[]> {
      const rows = await q.all<ItemRow>(
        `SELECT ${ITEM_COLUMNS} FROM checklist_items WHERE incident_id = $1 ORDER BY list_id, place`,
        [incidentId],
      );
      return rows.map(toItem);
    },
    async item(itemId: number): Promise<ChecklistItem | undefined> {
      const row = await q.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM checklist_items WHERE id = $1`, [itemId]);
      return row && toItem(row);
    },
    /**
     * Attaches a list with its items unless it is attached already: true when this call attached it.
     * The list's row is the guard (its key), so its items are written only by the call that made it.
     */
    async attach(list: AttachedList, items: readonly NewItem[]): Promise<boolean> {
      const made = await q.run(
        `INSERT INTO incident_checklists (incident_id, list_id, title, on_resolve, attached_at, attached_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (incident_id, list_id) DO NOTHING`,
        [list.incidentId, list.listId, list.title, list.onResolve, list.attachedAt, list.attachedBy],
      );
      if (made === 0) return false;
      for (const [place, item] of items.entries()) {
        await q.run(
          `INSERT INTO checklist_items (incident_id, list_id, place, text, link, role, owner_id, required, added_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            list.incidentId,
            list.listId,
            place,
            item.text,
            item.link,
            item.role,
            item.ownerId,
            item.required,
            list.attachedBy,
          ],
        );
      }
      return true;
    },
    /** An ad-hoc item, once per request key: the item the key made, and whether this call made it. */
    async addAdHoc(
      incidentId: number,
      listId: string,
      item: NewItem & { addedBy: string; requestKey: string },
    ): Promise<{ item: ChecklistItem; created: boolean }> {
      const row = await q.one<ItemRow>(
        `INSERT INTO checklist_items (incident_id, list_id, place, text, link, role, owner_id, required, added_by, request_key)
         VALUES ($1, $2, (SELECT COALESCE(MAX(place) + 1, 0) FROM checklist_items WHERE incident_id = $1 AND list_id = $2),
                 $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (request_key) DO NOTHING RETURNING ${ITEM_COLUMNS}`,
        [
          incidentId,
          listId,
          item.text,
          item.link,
          item.role,
          item.ownerId,
          item.required,
          item.addedBy,
          item.requestKey,
        ],
      );
      if (row) return { item: toItem(row), created: true };
      const earlier = await q.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM checklist_items WHERE request_key = $1`, [
        item.requestKey,
      ]);
      if (!earlier) throw new Error(`checklist item of request ${item.requestKey} vanished`);
      return { item: toItem(earlier), created: false };
    },
    /** Ticks or unticks an item; false when it already was that way (a repeated click changes nothing). */
    async tick(itemId: number, done: { at: number; by: string } | null): Promise<boolean> {
      const changed = done
        ? await q.run('UPDATE checklist_items SET ticked_at = $2, ticked_by = $3 WHERE id = $1 AND ticked_at IS NULL', [
            itemId,
            done.at,
            done.by,
          ])
        : await q.run(
            'UPDATE checklist_items SET ticked_at = NULL, ticked_by = NULL WHERE id = $1 AND ticked_at IS NOT NULL',
            [itemId],
          );
      return changed === 1;
    },
    async message(incidentId: number): Promise<ChecklistMessage | undefined> {
      const row = await q.one<{
        incident_id: number;
        message_ts: string | null;
        due_at: number | null;
        revision: number;
      }>('SELECT incident_id, message_ts, due_at, revision FROM checklist_messages WHERE incident_id = $1', [
        incidentId,
      ]);
      return row && { incidentId: row.incident_id, ts: row.message_ts, dueAt: row.due_at, revision: row.revision };
    },
    /** What the message shows changed: it is due now (or stays due from earlier) and its revision moves on. */
    async touch(incidentId: number, at: number): Promise<void> {
      await q.run(
        `INSERT INTO checklist_messages (incident_id, due_at, revision) VALUES ($1, $2, 1)
         ON CONFLICT (incident_id) DO UPDATE SET due_at = COALESCE(checklist_messages.due_at, excluded.due_at),
           revision = checklist_messages.revision + 1`,
        [incidentId, at],
      );
    },
    /** The message now shows `revision`: its ts kept, and no longer due unless it changed again meanwhile. */
    async shown(incidentId: number, revision: number, ts: string): Promise<void> {
      await q.run(
        `UPDATE checklist_messages SET message_ts = $3,
           due_at = CASE WHEN revision = $2 THEN NULL ELSE due_at END WHERE incident_id = $1`,
        [incidentId, revision, ts],
      );
    },
  };
}
