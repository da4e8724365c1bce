import type { PostmortemStep } from '../postmortem/requirement';
import type { Db } from './sqlite/db';

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
export function createPostmortemStepsRepository({ db }: { db: Db }) {
  const plan = db.prepare(`
    INSERT INTO postmortem_steps (incident_id, step, due_at, nudge_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (incident_id, step) DO UPDATE SET due_at = excluded.due_at, nudge_at = excluded.nudge_at, nudged_at = NULL
    WHERE postmortem_steps.done_at IS NULL`);
  const dropOpen = db.prepare('DELETE FROM postmortem_steps WHERE incident_id = ? AND done_at IS NULL');
  const ofIncident = db.prepare('SELECT * FROM postmortem_steps WHERE incident_id = ? ORDER BY due_at');
  const due = db.prepare(
    'SELECT * FROM postmortem_steps WHERE incident_id = ? AND nudge_at IS NOT NULL AND nudge_at <= ? AND done_at IS NULL ORDER BY nudge_at',
  );
  const moveNudge = db.prepare(
    'UPDATE postmortem_steps SET nudge_at = ? WHERE incident_id = ? AND step = ? AND done_at IS NULL',
  );
  const nudged = db.prepare(
    'UPDATE postmortem_steps SET nudge_at = NULL, nudged_at = ? WHERE incident_id = ? AND step = ? AND nudge_at IS NOT NULL',
  );
  const done = db.prepare(
    'UPDATE postmortem_steps SET done_at = ?, done_by = ?, nudge_at = NULL WHERE incident_id = ? AND step = ? AND done_at IS NULL',
  );
  const overdue = db
    .prepare(
      'SELECT DISTINCT incident_id FROM postmortem_steps WHERE done_at IS NULL AND due_at <= ? ORDER BY incident_id',
    )
    .pluck();
  return {
    async plan(incidentId: number, step: PostmortemStep, dueAt: number): Promise<void> {
      plan.run(incidentId, step, dueAt, dueAt);
    },
    /** A reopened incident's postmortem is planned again when it is resolved again; done steps stay. */
    async dropOpen(incidentId: number): Promise<void> {
      dropOpen.run(incidentId);
    },
    async of(incidentId: number): Promise<PostmortemStepRow[]> {
      return (ofIncident.all(incidentId) as StepDbRow[]).map(toStep);
    },
    /** The incident's steps whose nudge is due. */
    async dueNudges(incidentId: number, now: number): Promise<PostmortemStepRow[]> {
      return (due.all(incidentId, now) as StepDbRow[]).map(toStep);
    },
    async moveNudge(incidentId: number, step: PostmortemStep, at: number): Promise<void> {
      moveNudge.run(at, incidentId, step);
    },
    /** Claims the nudge: true only for the first caller, so a nudge goes out once. */
    async claimNudge(incidentId: number, step: PostmortemStep, at: number): Promise<boolean> {
      return nudged.run(at, incidentId, step).changes === 1;
    },
    async markDone(incidentId: number, step: PostmortemStep, at: number, by: string): Promise<boolean> {
      return done.run(at, by, incidentId, step).changes === 1;
    },
    /** Incidents with a step past its due time and not done. */
    async overdueIncidents(now: number): Promise<number[]> {
      return overdue.all(now) as number[];
    },
  };
}
