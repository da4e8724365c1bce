import { type OutboxDbRow, toOutboxRow, type WebhookOutboxRepository } from '../webhook-outbox.repository';
import { all, one, type Queryable } from './pool';

/** The events-out queue on PostgreSQL; its rows are leased by the leases repository (WORK.webhook). */
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
    async delivered(id: number, at: number, attempts: number) {
      await q.query(
        "UPDATE webhook_outbox SET state = 'delivered', done_at = $1, last_error = NULL, attempts = $2 WHERE id = $3 AND state = 'pending'",
        [at, attempts, id],
      );
    },
    async retryAt(id: number, at: number, error: string, attempts: number) {
      await q.query(
        "UPDATE webhook_outbox SET next_at = $1, last_error = $2, attempts = $3 WHERE id = $4 AND state = 'pending'",
        [at, error, attempts, id],
      );
    },
    async giveUp(id: number, at: number, error: string, attempts: number) {
      await q.query(
        "UPDATE webhook_outbox SET state = 'failed', done_at = $1, last_error = $2, attempts = $3 WHERE id = $4 AND state = 'pending'",
        [at, error, attempts, id],
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
