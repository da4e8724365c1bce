import type { Db } from './sqlite/db';

export type PendingCapturesRepository = ReturnType<typeof createPendingCapturesRepository>;

/** Messages waiting for the person to choose their incident; kept a day at most. */
export function createPendingCapturesRepository({ db }: { db: Db }) {
  const insert = db.prepare('INSERT OR REPLACE INTO pending_captures (token, payload, created_at) VALUES (?, ?, ?)');
  const get = db.prepare('SELECT payload FROM pending_captures WHERE token = ?').pluck();
  const prune = db.prepare('DELETE FROM pending_captures WHERE created_at < ?');
  return {
    async save(token: string, payload: unknown, now: number): Promise<void> {
      prune.run(now - 86_400_000);
      insert.run(token, JSON.stringify(payload), now);
    },
    async get(token: string): Promise<unknown> {
      const raw = get.get(token) as string | undefined;
      return raw === undefined ? undefined : JSON.parse(raw);
    },
  };
}
