import type { KeyTime } from '../../incidents/key-times';
import type { PostmortemStep } from '../../postmortem/requirement';
import type { KeyTimesRepository } from '../key-times.repository';
import type { PostmortemFacts, PostmortemFactsRepository } from '../postmortem-facts.repository';
import { type PostmortemStepsRepository, type StepDbRow, toStep } from '../postmortem-steps.repository';
import { all, one, type Queryable } from './pool';

export function createPgKeyTimesRepository(q: Queryable): KeyTimesRepository {
  return {
    async corrections(incidentId: number) {
      const rows = await all<{ key: KeyTime; at: number }>(
        q,
        'SELECT key, at FROM incident_key_times WHERE incident_id = $1',
        [incidentId],
      );
      return Object.fromEntries(rows.map((r) => [r.key, r.at])) as Partial<Record<KeyTime, number>>;
    },
    async correct(incidentId: number, key: KeyTime, at: number) {
      await q.query(
        'INSERT INTO incident_key_times (incident_id, key, at) VALUES ($1, $2, $3) ON CONFLICT (incident_id, key) DO UPDATE SET at = excluded.at',
        [incidentId, key, at],
      );
    },
  };
}

export function createPgPostmortemFactsRepository(q: Queryable): PostmortemFactsRepository {
  return {
    async get(incidentId: number): Promise<PostmortemFacts> {
      const row = await one<{ summary: string | null; users_affected: string | null }>(
        q,
        'SELECT summary, users_affected FROM incidents WHERE id = $1',
        [incidentId],
      );
      return { summary: row?.summary ?? null, usersAffected: row?.users_affected ?? null };
    },
    async set(incidentId: number, facts: PostmortemFacts) {
      await q.query('UPDATE incidents SET summary = $1, users_affected = $2 WHERE id = $3', [
        facts.summary,
        facts.usersAffected,
        incidentId,
      ]);
    },
  };
}

/** A required postmortem's steps on PostgreSQL; claiming a nudge is one conditional UPDATE. */
export function createPgPostmortemStepsRepository(q: Queryable): PostmortemStepsRepository {
  return {
    async plan(incidentId: number, step: PostmortemStep, dueAt: number) {
      await q.query(
        `INSERT INTO postmortem_steps (incident_id, step, due_at, nudge_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (incident_id, step) DO UPDATE SET due_at = excluded.due_at, nudge_at = excluded.nudge_at, nudged_at = NULL
         WHERE postmortem_steps.done_at IS NULL`,
        [incidentId, step, dueAt],
      );
    },
    async dropOpen(incidentId: number) {
      await q.query('DELETE FROM postmortem_steps WHERE incident_id = $1 AND done_at IS NULL', [incidentId]);
    },
    async of(incidentId: number) {
      return (
        await all<StepDbRow>(q, 'SELECT * FROM postmortem_steps WHERE incident_id = $1 ORDER BY due_at', [incidentId])
      ).map(toStep);
    },
    async dueNudges(incidentId: number, now: number) {
      return (
        await all<StepDbRow>(
          q,
          'SELECT * FROM postmortem_steps WHERE incident_id = $1 AND nudge_at IS NOT NULL AND nudge_at <= $2 AND done_at IS NULL ORDER BY nudge_at',
          [incidentId, now],
        )
      ).map(toStep);
    },
    async moveNudge(incidentId: number, step: PostmortemStep, at: number) {
      await q.query(
        'UPDATE postmortem_steps SET nudge_at = $1 WHERE incident_id = $2 AND step = $3 AND done_at IS NULL',
        [at, incidentId, step],
      );
    },
    async claimNudge(incidentId: number, step: PostmortemStep, at: number) {
      const result = await q.query(
        'UPDATE postmortem_steps SET nudge_at = NULL, nudged_at = $1 WHERE incident_id = $2 AND step = $3 AND nudge_at IS NOT NULL',
        [at, incidentId, step],
      );
      return result.rowCount === 1;
    },
    async markDone(incidentId: number, step: PostmortemStep, at: number, by: string) {
      const result = await q.query(
        'UPDATE postmortem_steps SET done_at = $1, done_by = $2, nudge_at = NULL WHERE incident_id = $3 AND step = $4 AND done_at IS NULL',
        [at, by, incidentId, step],
      );
      return result.rowCount === 1;
    },
    async overdueIncidents(now: number) {
      const rows = await all<{ incident_id: number }>(
        q,
        'SELECT DISTINCT incident_id FROM postmortem_steps WHERE done_at IS NULL AND due_at <= $1 ORDER BY incident_id',
        [now],
      );
      return rows.map((r) => r.incident_id);
    },
  };
}
