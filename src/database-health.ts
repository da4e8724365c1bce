import type { Db } from './store/sqlite/db';
import { writeRefusal } from './store/sqlite/writable';

export type DatabaseHealth = { ok: true } | { ok: false; status: string; reason: string };

/**
 * What /healthz says about the database. Reads keep working on a read-only or full database while
 * every change fails, so health asks for a write too (rolled back), not only a read.
 */
export function databaseHealth(db: Db): DatabaseHealth {
  if (!db.open) return { ok: false, status: 'database unavailable', reason: 'the database is closed' };
  try {
    db.prepare('SELECT 1').get();
  } catch (error) {
    return {
      ok: false,
      status: 'database unavailable',
      reason: error instanceof Error ? error.message : String(error),
    };
  }
  const refusal = writeRefusal(db);
  return refusal ? { ok: false, status: 'database not writable', reason: refusal } : { ok: true };
}
