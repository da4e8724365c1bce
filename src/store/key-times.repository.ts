import type { KeyTime } from '../incidents/key-times';
import type { Db } from './sqlite/db';

export type KeyTimesRepository = ReturnType<typeof createKeyTimesRepository>;

/** Key times corrected by hand; the others are derived from what Commander recorded. */
export function createKeyTimesRepository({ db }: { db: Db }) {
  const all = db.prepare('SELECT key, at FROM incident_key_times WHERE incident_id = ?');
  const upsert = db.prepare(
    'INSERT INTO incident_key_times (incident_id, key, at) VALUES (?, ?, ?) ON CONFLICT (incident_id, key) DO UPDATE SET at = excluded.at',
  );
  return {
    async corrections(incidentId: number): Promise<Partial<Record<KeyTime, number>>> {
      const rows = all.all(incidentId) as Array<{ key: KeyTime; at: number }>;
      return Object.fromEntries(rows.map((r) => [r.key, r.at]));
    },
    async correct(incidentId: number, key: KeyTime, at: number): Promise<void> {
      upsert.run(incidentId, key, at);
    },
  };
}
