import type { Sql } from './sql';

export type OutboxState = 'pending' | 'delivered' | 'failed';

export interface OutboxRow {
  id: number;
  eventId: string;
  url: string;
  incidentId: number;
  type: string;
  body: string;
  state: OutboxState;
  attempts: number;
  createdAt: number;
  since: number;
  nextAt: number;
  lastError: string | null;
  doneAt: number | null;
}

/** A row as the database holds it (both engines). */
export interface OutboxDbRow {
  id: number;
  event_id: string;
  url: string;
  incident_id: number;
  type: string;
  body: string;
  state: OutboxState;
  attempts: number;
  created_at: number;
  since: number;
  next_at: number;
  last_error: string | null;
  done_at: number | null;
}

export const toOutboxRow = (r: OutboxDbRow): OutboxRow => ({
  id: r.id,
  eventId: r.event_id,
  url: r.url,
  incidentId: r.incident_id,
  type: r.type,
  body: r.body,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  since: r.since,
  nextAt: r.next_at,
  lastError: r.last_error,
  doneAt: r.done_at,
});

export type WebhookOutboxRepository = ReturnType<typeof createWebhookOutboxRepository>;

/**
 * The durable queue of events out (migration 0011). Its rows are leased like other timed work
 * (WORK.webhook in leases.repository.ts); the holder of a row's lease settles it here, in the
 * transaction that gives the lease back, counting the attempts it made.
 */
export function createWebhookOutboxRepository(q: Sql) {
  return {
    /** Queues one event for each receiver; an event already queued for a receiver is not queued twice. */
    async enqueue(
      event: { eventId: string; incidentId: number; type: string; body: string; at: number },
      urls: string[],
    ) {
      if (urls.length > 0) await q.specific.enqueueWebhooks(q, event, urls);
    },
    /** Taken by its receiver at `at`, after `attempts` attempts in all. */
    async delivered(id: number, at: number, attempts: number) {
      await q.run(
        "UPDATE webhook_outbox SET state = 'delivered', done_at = $1, last_error = NULL, attempts = $2 WHERE id = $3 AND state = 'pending'",
        [at, attempts, id],
      );
    },
    /** Failed `attempts` times so far: the next attempt is due at `at`. */
    async retryAt(id: number, at: number, error: string, attempts: number) {
      await q.run(
        "UPDATE webhook_outbox SET next_at = $1, last_error = $2, attempts = $3 WHERE id = $4 AND state = 'pending'",
        [at, error, attempts, id],
      );
    },
    /** Not to be sent again (410 Gone, past giveUpAfter, no such receiver); listed by `failed`. */
    async giveUp(id: number, at: number, error: string, attempts: number) {
      await q.run(
        "UPDATE webhook_outbox SET state = 'failed', done_at = $1, last_error = $2, attempts = $3 WHERE id = $4 AND state = 'pending'",
        [at, error, attempts, id],
      );
    },
    async failed(limit = 1000) {
      return (
        await q.all<OutboxDbRow>("SELECT * FROM webhook_outbox WHERE state = 'failed' ORDER BY id LIMIT $1", [limit])
      ).map(toOutboxRow);
    },
    async get(id: number) {
      const row = await q.one<OutboxDbRow>('SELECT * FROM webhook_outbox WHERE id = $1', [id]);
      return row && toOutboxRow(row);
    },
    /** A failed row back in the queue, due now, with a fresh giveUpAfter; false when it is not failed. */
    async requeue(id: number, now: number) {
      const result = await q.run(
        `UPDATE webhook_outbox SET state = 'pending', attempts = 0, since = $1, next_at = $1, done_at = NULL
         WHERE id = $2 AND state = 'failed'`,
        [now, id],
      );
      return result === 1;
    },
    /** Rows not yet delivered nor given up. */
    async depth() {
      return (
        (await q.one<{ count: number }>("SELECT COUNT(*) AS count FROM webhook_outbox WHERE state = 'pending'"))
          ?.count ?? 0
      );
    },
  };
}
