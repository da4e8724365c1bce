import type { Db } from './sqlite/db';
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

export function createRemindersRepository({ db }: { db: Db }) {
  const get = db.prepare('SELECT * FROM reminders WHERE incident_id = ?');
  const due = db
    .prepare('SELECT incident_id FROM reminders WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?')
    .pluck();
  const upsert = db.prepare(`
    INSERT INTO reminders (incident_id, due_at, missed, escalated_at, escalation_level, snoozes, last_sent_at, failures, last_error)
    VALUES (@incidentId, @dueAt, @missed, @escalatedAt, @escalationLevel, @snoozes, @lastSentAt, @failures, @lastError)
    ON CONFLICT (incident_id) DO UPDATE SET
      due_at = excluded.due_at, missed = excluded.missed, escalated_at = excluded.escalated_at, escalation_level = excluded.escalation_level,
      snoozes = excluded.snoozes,
      last_sent_at = excluded.last_sent_at, failures = excluded.failures, last_error = excluded.last_error`);

  return {
    async get(incidentId: number): Promise<ReminderState | undefined> {
      const row = get.get(incidentId) as ReminderRow | undefined;
      return row && toReminderState(row);
    },
    /** Incident ids whose reminder is due at `now`, oldest first. */
    async dueIds(now: number, limit: number): Promise<number[]> {
      return due.all(now, limit) as number[];
    },
    async save(state: ReminderState): Promise<void> {
      upsert.run(state);
    },
  };
}
