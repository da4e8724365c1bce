import type { Followup } from '../../timeline/timeline.types';
import type { ReminderState } from '../../reminders/reminder.types';
import { type FollowupRow, type FollowupsRepository, toFollowup } from '../followups.repository';
import { type ReminderRow, type RemindersRepository, toReminderState } from '../reminders.repository';
import {
  type NewStatusUpdate,
  type StatusUpdateRow,
  type StatusUpdatesRepository,
  toUpdate,
} from '../status-updates.repository';
import { all, one, type Queryable } from './pool';

export function createPgStatusUpdatesRepository(q: Queryable): StatusUpdatesRepository {
  return {
    async findByKey(requestKey: string) {
      const row = await one<StatusUpdateRow>(q, 'SELECT * FROM status_updates WHERE request_key = $1', [requestKey]);
      return row && toUpdate(row);
    },
    async insert(u: NewStatusUpdate) {
      const row = await one<StatusUpdateRow>(
        q,
        `INSERT INTO status_updates (incident_id, request_key, status, summary, impact, next_steps, author_id, posted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [u.incidentId, u.requestKey, u.status, u.summary, u.impact, u.nextSteps, u.authorId, u.postedAt],
      );
      return toUpdate(row as StatusUpdateRow);
    },
    async list(incidentId: number) {
      const rows = await all<StatusUpdateRow>(
        q,
        'SELECT * FROM status_updates WHERE incident_id = $1 ORDER BY posted_at, id',
        [incidentId],
      );
      return rows.map(toUpdate);
    },
    async latest(incidentId: number) {
      const row = await one<StatusUpdateRow>(
        q,
        'SELECT * FROM status_updates WHERE incident_id = $1 ORDER BY posted_at DESC, id DESC LIMIT 1',
        [incidentId],
      );
      return row && toUpdate(row);
    },
    async setMessageTs(id: number, ts: string) {
      await q.query('UPDATE status_updates SET message_ts = $1 WHERE id = $2', [ts, id]);
    },
    async setMirrorTs(id: number, ts: string) {
      await q.query('UPDATE status_updates SET mirror_ts = $1 WHERE id = $2', [ts, id]);
    },
  };
}

export function createPgRemindersRepository(q: Queryable): RemindersRepository {
  return {
    async get(incidentId: number) {
      const row = await one<ReminderRow>(q, 'SELECT * FROM reminders WHERE incident_id = $1', [incidentId]);
      return row && toReminderState(row);
    },
    async dueIds(now: number, limit: number) {
      const rows = await all<{ incident_id: number }>(
        q,
        'SELECT incident_id FROM reminders WHERE due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at LIMIT $2',
        [now, limit],
      );
      return rows.map((r) => r.incident_id);
    },
    async save(s: ReminderState) {
      await q.query(
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

export function createPgFollowupsRepository(q: Queryable): FollowupsRepository {
  return {
    /** Insert-or-nothing, then read: one follow-up per request key even across replicas. */
    async add(f: Omit<Followup, 'id' | 'doneAt'> & { requestKey: string }) {
      const inserted = await one<FollowupRow>(
        q,
        `INSERT INTO followups (incident_id, request_key, text, owner_id, created_by, created_at, due_at, nudge_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (request_key) DO NOTHING RETURNING *`,
        [f.incidentId, f.requestKey, f.text, f.ownerId, f.createdBy, f.createdAt, f.dueAt],
      );
      if (inserted) return { followup: toFollowup(inserted), created: true };
      const row = await one<FollowupRow>(q, 'SELECT * FROM followups WHERE request_key = $1', [f.requestKey]);
      return { followup: toFollowup(row as FollowupRow), created: false };
    },
    async list(incidentId: number) {
      return (
        await all<FollowupRow>(q, 'SELECT * FROM followups WHERE incident_id = $1 ORDER BY id', [incidentId])
      ).map(toFollowup);
    },
    async markDone(id: number, at: number) {
      const result = await q.query('UPDATE followups SET done_at = $1 WHERE id = $2 AND done_at IS NULL', [at, id]);
      return result.rowCount === 1;
    },
    async get(id: number) {
      const row = await one<FollowupRow>(q, 'SELECT * FROM followups WHERE id = $1', [id]);
      return row && toFollowup(row);
    },
    async openOwnedBy(userId: string) {
      return (
        await all<FollowupRow>(
          q,
          'SELECT * FROM followups WHERE owner_id = $1 AND done_at IS NULL ORDER BY due_at IS NULL, due_at, id',
          [userId],
        )
      ).map(toFollowup);
    },
    async dueNudge(id: number, now: number) {
      const [row] = await all<FollowupRow & { nudge_at: number }>(
        q,
        'SELECT * FROM followups WHERE id = $1 AND nudge_at IS NOT NULL AND nudge_at <= $2 AND done_at IS NULL AND owner_id IS NOT NULL',
        [id, now],
      );
      return row && { ...toFollowup(row), nudgeAt: row.nudge_at };
    },
    /** The claim: one conditional UPDATE, so of two replicas moving the same nudge only one sees it move. */
    async moveNudge(id: number, from: number, to: number) {
      const result = await q.query(
        'UPDATE followups SET nudge_at = $1 WHERE id = $2 AND nudge_at = $3 AND done_at IS NULL',
        [to, id, from],
      );
      return result.rowCount === 1;
    },
    async snooze(id: number, until: number) {
      const result = await q.query('UPDATE followups SET nudge_at = $1 WHERE id = $2 AND done_at IS NULL', [until, id]);
      return result.rowCount === 1;
    },
    async nextNudge(id: number) {
      return (
        (await one<{ nudge_at: number | null }>(q, 'SELECT nudge_at FROM followups WHERE id = $1', [id]))?.nudge_at ??
        null
      );
    },
    async countOpen(incidentId: number) {
      const row = await one<{ count: number }>(
        q,
        'SELECT COUNT(*) AS count FROM followups WHERE incident_id = $1 AND done_at IS NULL',
        [incidentId],
      );
      return row?.count ?? 0;
    },
  };
}
