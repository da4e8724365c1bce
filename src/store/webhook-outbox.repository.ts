import type { Db } from './db';

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

/**
 * Whose rows a claim takes: one receiver's (each receiver is sent to on its own, so a slow one
 * holds up only its own events), or every receiver's but those named (by default all of them).
 */
export type OutboxLane = { url: string } | { otherThan: string[] };

export const ALL_RECEIVERS: OutboxLane = { otherThan: [] };

export type WebhookOutboxRepository = ReturnType<typeof createWebhookOutboxRepository>;

/** The durable queue of events out (migration 0011): rows are claimed, then settled. */
export function createWebhookOutboxRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO webhook_outbox (event_id, url, incident_id, type, body, created_at, since, next_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Only the oldest pending row of a receiver and incident may go: a later event waits for it.
  const dueHeads = (lane: string) =>
    db.prepare(
      `SELECT * FROM webhook_outbox o
       WHERE o.state = 'pending' AND o.next_at <= ? AND ${lane}
         AND NOT EXISTS (SELECT 1 FROM webhook_outbox e
                         WHERE e.state = 'pending' AND e.url = o.url AND e.incident_id = o.incident_id AND e.id < o.id)
       ORDER BY o.id LIMIT ?`,
    );
  const dueHeadsOf = dueHeads('o.url = ?');
  const dueHeadsOtherThan = dueHeads('o.url NOT IN (SELECT value FROM json_each(?))');
  const lease = db.prepare(
    "UPDATE webhook_outbox SET next_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
  );
  const delivered = db.prepare(
    "UPDATE webhook_outbox SET state = 'delivered', done_at = ?, last_error = NULL WHERE id = ? AND state = 'pending'",
  );
  const later = db.prepare("UPDATE webhook_outbox SET next_at = ?, last_error = ? WHERE id = ? AND state = 'pending'");
  const giveUp = db.prepare(
    "UPDATE webhook_outbox SET state = 'failed', done_at = ?, last_error = ? WHERE id = ? AND state = 'pending'",
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
    /**
     * The due rows, each leased until `leaseUntil` (so an overlapping run, or another process,
     * leaves it alone); a lease that runs out unsettled, as after a crash, makes the row due again.
     */
    async claimDue(now: number, leaseUntil: number, limit: number, lane = ALL_RECEIVERS): Promise<OutboxRow[]> {
      return db.transaction(() => {
        const due =
          'url' in lane
            ? dueHeadsOf.all(now, lane.url, limit)
            : dueHeadsOtherThan.all(now, JSON.stringify(lane.otherThan), limit);
        const rows = (due as OutboxDbRow[]).map(toOutboxRow);
        for (const row of rows) lease.run(leaseUntil, row.id);
        return rows.map((row) => ({ ...row, attempts: row.attempts + 1, nextAt: leaseUntil }));
      })();
    },
    /** One pending row, leased like claimDue's, whatever its place in its queue (a manual retry). */
    async claimOne(id: number, leaseUntil: number): Promise<OutboxRow | undefined> {
      return db.transaction(() => {
        const row = byId.get(id) as OutboxDbRow | undefined;
        if (row?.state !== 'pending') return undefined;
        lease.run(leaseUntil, id);
        return { ...toOutboxRow(row), attempts: row.attempts + 1, nextAt: leaseUntil };
      })();
    },
    async delivered(id: number, at: number): Promise<void> {
      delivered.run(at, id);
    },
    async retryAt(id: number, at: number, error: string): Promise<void> {
      later.run(at, error, id);
    },
    async giveUp(id: number, at: number, error: string): Promise<void> {
      giveUp.run(at, error, id);
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
