import type { KeyTime } from '../incidents/key-times';
import type { Sql } from './sql';

export type KeyTimesRepository = ReturnType<typeof createKeyTimesRepository>;

/** Key times corrected by hand; the others are derived from what Commander recorded. */
export function createKeyTimesRepository(q: Sql) {
  return {
    async corrections(incidentId: number) {
      const rows = await q.all<{ key: KeyTime; at: number }>(
        'SELECT key, at FROM incident_key_times WHERE incident_id = $1',
        [incidentId],
      );
      return Object.fromEntries(rows.map((r) => [r.key, r.at])) as Partial<Record<KeyTime, number>>;
    },
    async correct(incidentId: number, key: KeyTime, at: number) {
      await q.run(
        'INSERT INTO incident_key_times (incident_id, key, at) VALUES ($1, $2, $3) ON CONFLICT (incident_id, key) DO UPDATE SET at = excluded.at',
        [incidentId, key, at],
      );
    },
  };
}
