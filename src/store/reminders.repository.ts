import type { Sql } from './sql';
import type { ReminderState } from '../reminders/reminder.types';

export interface ReminderRow {
  incident_id: number;
  due_at: number | null;
  missed: number;
  escalated_at: number | null;
  escalation_level: number;
  snoozes: number;
  last_sent_at: number | null;
  failures: number;
  last_error: string | null;
}

export const toReminderState = (row: ReminderRow): ReminderState => ({
  incidentId: row.incident_id,
  dueAt: row.due_at,
  missed: row.missed,
  escalatedAt: row.escalated_at,
  escalationLevel: row.escalation_level,
  snoozes: row.snoozes,
  lastSentAt: row.last_sent_at,
  failures: row.failures,
  lastError: row.last_error,
});

export type RemindersRepository = ReturnType<typeof createRemindersRepository>;

export function createRemindersRepository(q: Sql) {
  return {
    async get(incidentId: number) {
      const row = await q.one<ReminderRow>('SELECT * FROM reminders WHERE incident_id = $1', [incidentId]);
      return row && toReminderState(row);
    },
    /** Incident ids whose reminder is due at `now`, oldest first. */
    async dueIds(now: number, limit: number) {
      const rows = await q.all<{ incident_id: number }>(
        'SELECT incident_id FROM reminders WHERE due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at LIMIT $2',
        [now, limit],
      );
      return rows.map((r) => r.incident_id);
    },
    async save(s: ReminderState) {
      await q.run(
        `INSERT INTO reminders (incident_id, due_at, missed, escalated_at, escalation_level, snoozes, last_sent_at, failures, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (incident_id) DO UPDATE SET
           due_at = excluded.due_at, missed = excluded.missed, escalated_at = excluded.escalated_at, escalation_level = excluded.escalation_level,
           snoozes = excluded.snoozes,
           last_sent_at = excluded.last_sent_at, failures = excluded.failures, last_error = excluded.last_error`,
        [
          s.incidentId,
          s.dueAt,
          s.missed,
          s.escalatedAt,
          s.escalationLevel,
          s.snoozes,
          s.lastSentAt,
          s.failures,
          s.lastError,
        ],
      );
    },
  };
}
