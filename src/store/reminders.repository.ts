import { placeholders, rowsOf, type Sql } from './sql';
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
  async function saveMany(states: readonly ReminderState[]) {
    await q.run(
      `INSERT INTO reminders (incident_id, due_at, missed, escalated_at, escalation_level, snoozes, last_sent_at, failures, last_error)
       VALUES ${rowsOf(states.length, 9)}
       ON CONFLICT (incident_id) DO UPDATE SET
         due_at = excluded.due_at, missed = excluded.missed, escalated_at = excluded.escalated_at, escalation_level = excluded.escalation_level,
         snoozes = excluded.snoozes,
         last_sent_at = excluded.last_sent_at, failures = excluded.failures, last_error = excluded.last_error`,
      states.flatMap((s) => [
        s.incidentId,
        s.dueAt,
        s.missed,
        s.escalatedAt,
        s.escalationLevel,
        s.snoozes,
        s.lastSentAt,
        s.failures,
        s.lastError,
      ]),
    );
  }
  return {
    async get(incidentId: number) {
      const row = await q.one<ReminderRow>('SELECT * FROM reminders WHERE incident_id = $1', [incidentId]);
      return row && toReminderState(row);
    },
    /** Several at once (writes worked together: coalesced-calls.ts), by incident id; missing ones are absent. */
    async getMany(incidentIds: readonly number[]) {
      const rows = await q.all<ReminderRow>(
        `SELECT * FROM reminders WHERE incident_id IN (${placeholders(incidentIds.length)})`,
        incidentIds,
      );
      return new Map(rows.map((row) => [row.incident_id, toReminderState(row)]));
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
      await saveMany([s]);
    },
    /** Several at once, each incident's at most once (coalesced-calls.ts). */
    saveMany,
    /**
     * Saves each `next` only where the reminder is still as `previous` left it (nobody sent, snoozed
     * or answered it meanwhile: due time, count and last sending alike); returns the incident ids saved.
     * Each incident at most once per call.
     */
    async saveIfUnchanged(changes: ReadonlyArray<{ previous: ReminderState; next: ReminderState }>) {
      const bigint = (n: number) => `CAST($${n} AS BIGINT)`;
      const values = changes
        .map((_, row) => {
          const at = row * 12;
          const cells = Array.from({ length: 12 }, (_, i) =>
            i === 11 ? `CAST($${at + 12} AS TEXT)` : bigint(at + i + 1),
          );
          return `(${cells.join(', ')})`;
        })
        .join(', ');
      const rows = await q.all<{ incident_id: number }>(
        `WITH v (incident_id, was_due_at, was_missed, was_last_sent_at, due_at, missed, escalated_at, escalation_level, snoozes, last_sent_at, failures, last_error) AS (VALUES ${values})
         UPDATE reminders SET due_at = v.due_at, missed = v.missed, escalated_at = v.escalated_at, escalation_level = v.escalation_level,
           snoozes = v.snoozes, last_sent_at = v.last_sent_at, failures = v.failures, last_error = v.last_error
         FROM v
         WHERE reminders.incident_id = v.incident_id AND reminders.missed = v.was_missed
           AND reminders.due_at IS NOT DISTINCT FROM v.was_due_at AND reminders.last_sent_at IS NOT DISTINCT FROM v.was_last_sent_at
         RETURNING reminders.incident_id`,
        changes.flatMap(({ previous: p, next: s }) => [
          s.incidentId,
          p.dueAt,
          p.missed,
          p.lastSentAt,
          s.dueAt,
          s.missed,
          s.escalatedAt,
          s.escalationLevel,
          s.snoozes,
          s.lastSentAt,
          s.failures,
          s.lastError,
        ]),
      );
      return new Set(rows.map((r) => r.incident_id));
    },
  };
}
