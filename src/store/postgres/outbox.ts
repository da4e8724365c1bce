import {
  ALL_RECEIVERS,
  type OutboxDbRow,
  toOutboxRow,
  type WebhookOutboxRepository,
} from '../webhook-outbox.repository';
import { all, one, type Queryable } from './pool';

/**
 * The events-out queue on PostgreSQL. Claims are one UPDATE … RETURNING each: the due heads are
 * picked with SKIP LOCKED, and the outer `next_at <= now` is checked again on the locked row, so a
 * row another replica leased meanwhile is left to it.
 */
export function createPgWebhookOutboxRepository(q: Queryable): WebhookOutboxRepository {
  return {
    async enqueue(
      event: { eventId: string; incidentId: number; type: string; body: string; at: number },
      urls: string[],
    ) {
      if (urls.length === 0) return;
      await q.query(
        `INSERT INTO webhook_outbox (event_id, url, incident_id, type, body, created_at, since, next_at)
         SELECT $1::text, url, $2::bigint, $3::text, $4::text, $5::bigint, $5::bigint, $5::bigint FROM unnest($6::text[]) WITH ORDINALITY AS u (url, n) ORDER BY n
         ON CONFLICT (event_id, url) DO NOTHING`,
        [event.eventId, event.incidentId, event.type, event.body, event.at, urls],
      );
    },
    async claimDue(now: number, leaseUntil: number, limit: number, lane = ALL_RECEIVERS) {
      // Only the oldest pending row of a receiver and incident may go: a later event waits for it.
      const [urlIs, urlsNot] = 'url' in lane ? [lane.url, null] : [null, lane.otherThan];
      const rows = await all<OutboxDbRow>(
        q,
        // Picked once, in a MATERIALIZED step: as `id IN (…)` the planner may run the sub-select
        // again per row, and the claim then takes every due head whatever the LIMIT.
        `WITH picked AS MATERIALIZED (
           SELECT o.id FROM webhook_outbox o
           WHERE o.state = 'pending' AND o.next_at <= $1
             AND (o.url = $4::text OR ($4::text IS NULL AND o.url <> ALL($5::text[])))
             AND NOT EXISTS (SELECT 1 FROM webhook_outbox e
                             WHERE e.state = 'pending' AND e.url = o.url AND e.incident_id = o.incident_id AND e.id < o.id)
           ORDER BY o.id LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE webhook_outbox t SET next_at = $2, attempts = t.attempts + 1
         FROM picked WHERE t.id = picked.id AND t.state = 'pending' AND t.next_at <= $1
         RETURNING t.*`,
        [now, leaseUntil, limit, urlIs, urlsNot],
      );
      return rows.map(toOutboxRow).sort((a, b) => a.id - b.id);
    },
    async claimOne(id: number, leaseUntil: number) {
      const row = await one<OutboxDbRow>(
        q,
        "UPDATE webhook_outbox SET next_at = $1, attempts = attempts + 1 WHERE id = $2 AND state = 'pending' RETURNING *",
        [leaseUntil, id],
      );
      return row && toOutboxRow(row);
    },
    async delivered(id: number, at: number) {
      await q.query(
        "UPDATE webhook_outbox SET state = 'delivered', done_at = $1, last_error = NULL WHERE id = $2 AND state = 'pending'",
        [at, id],
      );
    },
    async retryAt(id: number, at: number, error: string) {
      await q.query("UPDATE webhook_outbox SET next_at = $1, last_error = $2 WHERE id = $3 AND state = 'pending'", [
        at,
        error,
        id,
      ]);
    },
    async giveUp(id: number, at: number, error: string) {
      await q.query(
        "UPDATE webhook_outbox SET state = 'failed', done_at = $1, last_error = $2 WHERE id = $3 AND state = 'pending'",
        [at, error, id],
      );
    },
    async failed(limit = 1000) {
      return (
        await all<OutboxDbRow>(q, "SELECT * FROM webhook_outbox WHERE state = 'failed' ORDER BY id LIMIT $1", [limit])
      ).map(toOutboxRow);
    },
    async get(id: number) {
      const row = await one<OutboxDbRow>(q, 'SELECT * FROM webhook_outbox WHERE id = $1', [id]);
      return row && toOutboxRow(row);
    },
    async requeue(id: number, now: number) {
      const result = await q.query(
        `UPDATE webhook_outbox SET state = 'pending', attempts = 0, since = $1, next_at = $1, done_at = NULL
         WHERE id = $2 AND state = 'failed'`,
        [now, id],
      );
      return result.rowCount === 1;
    },
    async depth() {
      return (
        (await one<{ count: number }>(q, "SELECT COUNT(*) AS count FROM webhook_outbox WHERE state = 'pending'"))
          ?.count ?? 0
      );
    },
  };
}
