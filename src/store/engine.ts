import type { DatabaseHealth } from '../database-health';
import { databaseHealth } from '../database-health';
import { createStore, type Tx } from '.';
import type { Db } from './sqlite/db';
import { expireLeftLeases } from './sqlite/left-leases';
import { openAppDatabase } from './sqlite/open';
import type * as PostgresEngine from './postgres/engine';

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
export function openStoreEngine(env: { DATABASE_URL?: string; DATABASE_PATH: string }): StoreEngine {
  if (env.DATABASE_URL) {
    // A require, not an import: an app on SQLite never loads the PostgreSQL driver and repositories.
    return (require('./postgres/engine') as typeof PostgresEngine).openPostgresEngine(env.DATABASE_URL);
  }
  const { db, applied } = openAppDatabase(env.DATABASE_PATH);
  try {
    expireLeftLeases(db);
  } catch {
    // Not writable after all: the open check would have said so; the leases then run out by themselves.
  }
  return {
    kind: 'sqlite',
    store: createStore(db),
    db,
    ready: async () => applied,
    health: async () => databaseHealth(db),
    async close() {
      if (db.open) db.close();
    },
  };
}
