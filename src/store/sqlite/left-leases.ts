import { WORK } from '../leases.repository';
import type { Db } from './db';

/**
 * SQLite is one process's database: a lease still set when it opens was left by a process that
 * ended (a crash, a kill). Such leases are ended now rather than waited out; their owner stays, so
 * the work is still recognised as taken over (and what it may have posted is looked for).
 */
export function expireLeftLeases(db: Db): number {
  let expired = 0;
  const seen = new Set<string>();
  for (const s of Object.values(WORK)) {
    const at = `${s.table}.${s.until}`;
    if (seen.has(at)) continue;
    seen.add(at);
    expired += db.prepare(`UPDATE ${s.table} SET ${s.until} = 0 WHERE ${s.until} IS NOT NULL`).run().changes;
  }
  return expired;
}
