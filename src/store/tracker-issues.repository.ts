import type { Sql } from './sql';

export type TrackerIssueState = 'create' | 'open' | 'closed' | 'refused';

/** A follow-up's issue in a tracker as outbox work (migrations/0025). */
export interface TrackerIssueRow {
  followupId: number;
  incidentId: number;
  tracker: string;
  marker: string;
  state: TrackerIssueState;
  /** The tracker's id for later calls: GitHub's number, Jira's key, Linear's uuid; null until made. */
  ref: string | null;
  closeWanted: boolean;
  attempts: number;
  since: number;
  nextAt: number | null;
  lastError: string | null;
}

interface Row {
  followup_id: number;
  incident_id: number;
  tracker: string;
  marker: string;
  state: TrackerIssueState;
  ref: string | null;
  close_wanted: boolean | number;
  attempts: number;
  since: number;
  next_at: number | null;
  last_error: string | null;
}

const toRow = (r: Row): TrackerIssueRow => ({
  followupId: r.followup_id,
  incidentId: r.incident_id,
  tracker: r.tracker,
  marker: r.marker,
  state: r.state,
  ref: r.ref,
  closeWanted: Boolean(r.close_wanted),
  attempts: r.attempts,
  since: r.since,
  nextAt: r.next_at,
  lastError: r.last_error,
});

export type TrackerIssuesRepository = ReturnType<typeof createTrackerIssuesRepository>;

export function createTrackerIssuesRepository(q: Sql) {
  return {
    /** Queues the making of the follow-up's issue, due at `at`; false when it was queued before. */
    async enqueue(o: { followupId: number; incidentId: number; tracker: string; marker: string; at: number }) {
      const changed = await q.run(
        `INSERT INTO tracker_issues (followup_id, incident_id, tracker, marker, since, next_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (followup_id) DO NOTHING`,
        [o.followupId, o.incidentId, o.tracker, o.marker, o.at],
      );
      return changed === 1;
    },
    async get(followupId: number): Promise<TrackerIssueRow | undefined> {
      const row = await q.one<Row>('SELECT * FROM tracker_issues WHERE followup_id = $1', [followupId]);
      return row && toRow(row);
    },
    /** The incident's issues still open in their trackers, to be checked now. */
    async openOf(incidentId: number): Promise<number[]> {
      const rows = await q.all<{ followup_id: number }>(
        "SELECT followup_id FROM tracker_issues WHERE incident_id = $1 AND state = 'open' ORDER BY followup_id",
        [incidentId],
      );
      return rows.map((r) => r.followup_id);
    },
    /** The issue exists (made now or found by its marker): checked again at `syncAt`. */
    async opened(followupId: number, ref: string, syncAt: number) {
      await q.run(
        `UPDATE tracker_issues SET state = 'open', ref = $2, next_at = $3, last_error = NULL, attempts = 0
         WHERE followup_id = $1 AND state = 'create'`,
        [followupId, ref, syncAt],
      );
    },
    /** Looks again at `at` (a sync, or after a failure with `error`). */
    async again(followupId: number, at: number, error: string | null, attempts: number) {
      await q.run('UPDATE tracker_issues SET next_at = $2, last_error = $3, attempts = $4 WHERE followup_id = $1', [
        followupId,
        at,
        error,
        attempts,
      ]);
    },
    /** The tracker said no (401, 404, 422): nothing more is tried until someone asks again. */
    async refused(followupId: number, error: string) {
      await q.run(
        "UPDATE tracker_issues SET state = 'refused', next_at = NULL, last_error = $2 WHERE followup_id = $1",
        [followupId, error],
      );
    },
    /** Asked again (the Create issue button) after a refusal: due now, counted afresh. */
    async retryRefused(followupId: number, at: number) {
      const changed = await q.run(
        `UPDATE tracker_issues SET state = CASE WHEN ref IS NULL THEN 'create' ELSE 'open' END,
           next_at = $2, attempts = 0, since = $2, last_error = NULL
         WHERE followup_id = $1 AND state = 'refused'`,
        [followupId, at],
      );
      return changed === 1;
    },
    /** Closed in the tracker (there, or by Commander): nothing more to do. */
    async closed(followupId: number) {
      await q.run(
        "UPDATE tracker_issues SET state = 'closed', next_at = NULL, close_wanted = $2 WHERE followup_id = $1",
        [followupId, false],
      );
    },
    /** `/incident done`: the issue is to be closed, at once (after it is made, if it is not yet). */
    async wantClosed(followupId: number, at: number) {
      await q.run(
        `UPDATE tracker_issues SET close_wanted = $2, next_at = $3
         WHERE followup_id = $1 AND state IN ('create', 'open')`,
        [followupId, true, at],
      );
    },
    /** The incident's open issues, due now (`/incident followups` shows them as they are). */
    async syncNow(incidentId: number, at: number) {
      await q.run("UPDATE tracker_issues SET next_at = $2 WHERE incident_id = $1 AND state = 'open'", [incidentId, at]);
    },
  };
}
