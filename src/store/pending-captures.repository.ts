import type { Sql } from './sql';

export type PendingCapturesRepository = ReturnType<typeof createPendingCapturesRepository>;

/** Messages waiting for the person to choose their incident; kept a day at most. */
export function createPendingCapturesRepository(q: Sql) {
  return {
    async save(token: string, payload: unknown, now: number) {
      await q.run('DELETE FROM pending_captures WHERE created_at < $1', [now - 86_400_000]);
      await q.run(
        'INSERT INTO pending_captures (token, payload, created_at) VALUES ($1, $2, $3) ON CONFLICT (token) DO UPDATE SET payload = excluded.payload, created_at = excluded.created_at',
        [token, JSON.stringify(payload), now],
      );
    },
    async get(token: string) {
      const row = await q.one<{ payload: string }>('SELECT payload FROM pending_captures WHERE token = $1', [token]);
      return row === undefined ? undefined : JSON.parse(row.payload);
    },
  };
}
