import type { DatabaseHealth } from '../database-health';
import { databaseHealth } from '../database-health';
import { createStore, type Tx } from '.';
import type { Db } from './db';
import { expireLeftLeases } from './leases.repository';
import { openAppDatabase } from './open';
import { createPostgresStore } from './postgres';
import { migratePostgres } from './postgres/migrate';
import { createPool } from './postgres/pool';
import type { EntryLine } from './timeline.repository';

/** The store the app runs on, whichever engine it is, and what start-up, /healthz and stop need of it. */
export interface StoreEngine {
  kind: 'sqlite' | 'postgres';
  store: Tx;
  /** SQLite's connection; undefined on PostgreSQL. */
  db: Db | undefined;
  /** Applies pending migrations (SQLite's were applied at open) and returns the versions applied. */
  ready(): Promise<string[]>;
  health(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: PostgreSQL, whose pool connects on first use, so opening does not wait for the
 * server and `ready()` (at start) migrates. Otherwise SQLite at DATABASE_PATH, opened and migrated now.
 */
export function openStoreEngine(
  env: { DATABASE_URL?: string; DATABASE_PATH: string },
  options: { entryLine?: EntryLine } = {},
): StoreEngine {
  if (env.DATABASE_URL) {
    const pool = createPool(env.DATABASE_URL);
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
  const { db, applied } = openAppDatabase(env.DATABASE_PATH);
  try {
    expireLeftLeases(db);
  } catch {
    // Not writable after all: the open check would have said so; the leases then run out by themselves.
  }
  return {
    kind: 'sqlite',
    store: createStore(db, options),
    db,
    ready: async () => applied,
    health: async () => databaseHealth(db),
    async close() {
      if (db.open) db.close();
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
