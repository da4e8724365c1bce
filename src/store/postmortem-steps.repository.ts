import type { PostmortemStep } from '../postmortem/requirement';
import type { Sql } from './sql';

export interface PostmortemStepRow {
  incidentId: number;
  step: PostmortemStep;
  dueAt: number;
  nudgedAt: number | null;
  doneAt: number | null;
  doneBy: string | null;
}

/** A row as the database holds it (both engines). */
export interface StepDbRow {
  incident_id: number;
  step: PostmortemStep;
  due_at: number;
  nudged_at: number | null;
  done_at: number | null;
  done_by: string | null;
}

export const toStep = (r: StepDbRow): PostmortemStepRow => ({
  incidentId: r.incident_id,
  step: r.step,
  dueAt: r.due_at,
  nudgedAt: r.nudged_at,
  doneAt: r.done_at,
  doneBy: r.done_by,
});

export type PostmortemStepsRepository = ReturnType<typeof createPostmortemStepsRepository>;

/** A required postmortem's steps as rows with due times; the jobs tick claims the due nudges. */
export function createPostmortemStepsRepository(q: Sql) {
  return {
    async plan(incidentId: number, step: PostmortemStep, dueAt: number) {
      await q.run(
        `INSERT INTO postmortem_steps (incident_id, step, due_at, nudge_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (incident_id, step) DO UPDATE SET due_at = excluded.due_at, nudge_at = excluded.nudge_at, nudged_at = NULL
         WHERE postmortem_steps.done_at IS NULL`,
        [incidentId, step, dueAt],
      );
    },
    /** A reopened incident's postmortem is planned again when it is resolved again; done steps stay. */
    async dropOpen(incidentId: number) {
      await q.run('DELETE FROM postmortem_steps WHERE incident_id = $1 AND done_at IS NULL', [incidentId]);
    },
    async of(incidentId: number) {
      return (
        await q.all<StepDbRow>('SELECT * FROM postmortem_steps WHERE incident_id = $1 ORDER BY due_at', [incidentId])
      ).map(toStep);
    },
    /** The incident's steps whose nudge is due. */
    async dueNudges(incidentId: number, now: number) {
      return (
        await q.all<StepDbRow>(
          'SELECT * FROM postmortem_steps WHERE incident_id = $1 AND nudge_at IS NOT NULL AND nudge_at <= $2 AND done_at IS NULL ORDER BY nudge_at',
          [incidentId, now],
        )
      ).map(toStep);
    },
    async moveNudge(incidentId: number, step: PostmortemStep, at: number) {
      await q.run(
        'UPDATE postmortem_steps SET nudge_at = $1 WHERE incident_id = $2 AND step = $3 AND done_at IS NULL',
        [at, incidentId, step],
      );
    },
    /** Claims the nudge: true only for the first caller, so a nudge goes out once. */
    async claimNudge(incidentId: number, step: PostmortemStep, at: number) {
      const result = await q.run(
        'UPDATE postmortem_steps SET nudge_at = NULL, nudged_at = $1 WHERE incident_id = $2 AND step = $3 AND nudge_at IS NOT NULL',
        [at, incidentId, step],
      );
      return result === 1;
    },
    async markDone(incidentId: number, step: PostmortemStep, at: number, by: string) {
      const result = await q.run(
        'UPDATE postmortem_steps SET done_at = $1, done_by = $2, nudge_at = NULL WHERE incident_id = $3 AND step = $4 AND done_at IS NULL',
        [at, by, incidentId, step],
      );
      return result === 1;
    },
    /** Incidents with a step past its due time and not done. */
    async overdueIncidents(now: number) {
      const rows = await q.all<{ incident_id: number }>(
        'SELECT DISTINCT incident_id FROM postmortem_steps WHERE done_at IS NULL AND due_at <= $1 ORDER BY incident_id',
        [now],
      );
      return rows.map((r) => r.incident_id);
    },
  };
}
