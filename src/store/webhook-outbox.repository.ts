import type { Db } from './sqlite/db';

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
export function createWebhookOutboxRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO webhook_outbox (event_id, url, incident_id, type, body, created_at, since, next_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const delivered = db.prepare(
    "UPDATE webhook_outbox SET state = 'delivered', done_at = ?, last_error = NULL, attempts = ? WHERE id = ? AND state = 'pending'",
  );
  const later = db.prepare(
    "UPDATE webhook_outbox SET next_at = ?, last_error = ?, attempts = ? WHERE id = ? AND state = 'pending'",
  );
  const giveUp = db.prepare(
    "UPDATE webhook_outbox SET state = 'failed', done_at = ?, last_error = ?, attempts = ? WHERE id = ? AND state = 'pending'",
  );
  const failed = db.prepare("SELECT * FROM webhook_outbox WHERE state = 'failed' ORDER BY id LIMIT ?");
  const byId = db.prepare('SELECT * FROM webhook_outbox WHERE id = ?');
  const requeue = db.prepare(
    `UPDATE webhook_outbox SET state = 'pending', attempts = 0, since = ?, next_at = ?, done_at = NULL
     WHERE id = ? AND state = 'failed'`,
  );
  const depth = db.prepare("SELECT COUNT(*) FROM webhook_outbox WHERE state = 'pending'").pluck();

  return {
    /** Queues one event for each receiver; an event already queued for a receiver is not queued twice. */
    async enqueue(
      event: { eventId: string; incidentId: number; type: string; body: string; at: number },
      urls: string[],
    ) {
      for (const url of urls)
        insert.run(event.eventId, url, event.incidentId, event.type, event.body, event.at, event.at, event.at);
    },
    /** Taken by its receiver at `at`, after `attempts` attempts in all. */
    async delivered(id: number, at: number, attempts: number): Promise<void> {
      delivered.run(at, attempts, id);
    },
    /** Failed `attempts` times so far: the next attempt is due at `at`. */
    async retryAt(id: number, at: number, error: string, attempts: number): Promise<void> {
      later.run(at, error, attempts, id);
    },
    /** Not to be sent again (410 Gone, past giveUpAfter, no such receiver); listed by `failed`. */
    async giveUp(id: number, at: number, error: string, attempts: number): Promise<void> {
      giveUp.run(at, error, attempts, id);
    },
    async failed(limit = 1000): Promise<OutboxRow[]> {
      return (failed.all(limit) as OutboxDbRow[]).map(toOutboxRow);
    },
    async get(id: number): Promise<OutboxRow | undefined> {
      const row = byId.get(id) as OutboxDbRow | undefined;
      return row && toOutboxRow(row);
    },
    /** A failed row back in the queue, due now, with a fresh giveUpAfter; false when it is not failed. */
    async requeue(id: number, now: number): Promise<boolean> {
      return requeue.run(now, now, id).changes === 1;
    },
    /** Rows not yet delivered nor given up. */
    async depth(): Promise<number> {
      return depth.get() as number;
    },
  };
}
