import type { Sql } from './sql';

/** A new commander's briefing (migrations/0030): whom, for which incident, since when in charge. */
export interface CommanderBriefing {
  id: number;
  incidentId: number;
  commanderId: string;
  assignedAt: number;
  dueAt: number | null;
  sentAt: number | null;
}

interface Row {
  id: number;
  incident_id: number;
  commander_id: string;
  assigned_at: number;
  due_at: number | null;
  sent_at: number | null;
}

export type CommanderBriefingsRepository = ReturnType<typeof createCommanderBriefingsRepository>;

export function createCommanderBriefingsRepository(q: Sql) {
  return {
    /** Due at once; in the transaction that changed the commander, so it exists exactly when the change does. */
    async plan(incidentId: number, commanderId: string, at: number): Promise<number | undefined> {
      const row = await q.one<{ id: number }>(
        `INSERT INTO commander_briefings (incident_id, commander_id, assigned_at, due_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (incident_id, assigned_at, commander_id) DO NOTHING RETURNING id`,
        [incidentId, commanderId, at],
      );
      return row?.id;
    },
    async get(id: number): Promise<CommanderBriefing | undefined> {
      const r = await q.one<Row>(
        'SELECT id, incident_id, commander_id, assigned_at, due_at, sent_at FROM commander_briefings WHERE id = $1',
        [id],
      );
      return (
        r && {
          id: r.id,
          incidentId: r.incident_id,
          commanderId: r.commander_id,
          assignedAt: r.assigned_at,
          dueAt: r.due_at,
          sentAt: r.sent_at,
        }
      );
    },
    /** Sent (or given up, `sentAt` null): due no more. */
    async done(id: number, sentAt: number | null): Promise<void> {
      await q.run('UPDATE commander_briefings SET due_at = NULL, sent_at = $2 WHERE id = $1', [id, sentAt]);
    },
  };
}
