import type { DatabaseHealth } from '../../database-health';
import type { StoreEngine } from '../engine';
import type { EntryLine } from '../timeline.repository';
import { createPostgresStore } from '.';
import { migratePostgres } from './migrate';
import { createPool } from './pool';

/** PostgreSQL at `url`: the pool connects on first use, so opening does not wait for the server; `ready()` migrates. */
export function openPostgresEngine(url: string, options: { entryLine?: EntryLine }): StoreEngine {
  const pool = createPool(url);
  let closed = false;
  return {
    kind: 'postgres',
    store: createPostgresStore(pool, options),
    db: undefined,
    ready: () => migratePostgres(pool),
    health: () => postgresHealth(pool, closed),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** A standby (read-only) server answers reads and refuses every change, so it is unhealthy too. */
async function postgresHealth(pool: ReturnType<typeof createPool>, closed: boolean): Promise<DatabaseHealth> {
  if (closed) return { ok: false, status: 'database unavailable', reason: 'the database is closed' };
  try {
    const { rows } = await pool.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    return rows[0]?.standby
      ? { ok: false, status: 'database not writable', reason: 'the PostgreSQL server is a read-only standby' }
      : { ok: true };
  } catch (error) {
    return {
      ok: false,
      status: 'database unavailable',
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}
