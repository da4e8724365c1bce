import type { Sql } from './sql';

export type PagerAction = 'trigger' | 'acknowledge' | 'resolve';

/** One PagerDuty event as outbox work (migrations/0025). */
export interface PagerEventRow {
  id: number;
  incidentId: number;
  level: number;
  action: PagerAction;
  body: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  since: number;
  nextAt: number;
  lastError: string | null;
}

interface Row {
  id: number;
  incident_id: number;
  level: number;
  action: PagerAction;
  body: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  since: number;
  next_at: number;
  last_error: string | null;
}

const toRow = (r: Row): PagerEventRow => ({
  id: r.id,
  incidentId: r.incident_id,
  level: r.level,
  action: r.action,
  body: r.body,
  state: r.state,
  attempts: r.attempts,
  since: r.since,
  nextAt: r.next_at,
  lastError: r.last_error,
});

export type PagerEventsRepository = ReturnType<typeof createPagerEventsRepository>;

export function createPagerEventsRepository(q: Sql) {
  return {
    /** Queues the event once per incident, level and action; false when it was queued before. */
    async enqueue(o: { incidentId: number; level: number; action: PagerAction; body: string; at: number }) {
      const changed = await q.run(
        `INSERT INTO pager_events (incident_id, level, action, body, since, next_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (incident_id, level, action) DO NOTHING`,
        [o.incidentId, o.level, o.action, o.body, o.at],
      );
      return changed === 1;
    },
    async get(id: number): Promise<PagerEventRow | undefined> {
      const row = await q.one<Row>('SELECT * FROM pager_events WHERE id = $1', [id]);
      return row && toRow(row);
    },
    /** The incident's events, in the order they were queued. */
    async of(incidentId: number): Promise<PagerEventRow[]> {
      return (await q.all<Row>('SELECT * FROM pager_events WHERE incident_id = $1 ORDER BY id', [incidentId])).map(
        toRow,
      );
    },
    async sent(id: number, at: number, attempts: number) {
      await q.run(
        "UPDATE pager_events SET state = 'sent', done_at = $2, attempts = $3, last_error = NULL WHERE id = $1 AND state = 'pending'",
        [id, at, attempts],
      );
    },
    async retryAt(id: number, at: number, error: string, attempts: number) {
      await q.run(
        "UPDATE pager_events SET next_at = $2, last_error = $3, attempts = $4 WHERE id = $1 AND state = 'pending'",
        [id, at, error, attempts],
      );
    },
    async giveUp(id: number, at: number, error: string, attempts: number) {
      await q.run(
        "UPDATE pager_events SET state = 'failed', done_at = $2, last_error = $3, attempts = $4 WHERE id = $1 AND state = 'pending'",
        [id, at, error, attempts],
      );
    },
  };
}
