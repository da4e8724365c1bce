import { createStore, type Store } from '../store';
import { openDatabase } from '../store/sqlite/db';
import { createPostgresStore } from '../store/postgres';
import { createPool } from '../store/postgres/pool';
import { existingDatabasePath } from './database-path';
import { CliError } from './output';
import { describePostgresError, describePostgresUrl, parsePostgresUrl } from './postgres-target';

export interface CliStore {
  store: Store;
  /** Whether the database has this table yet (it may predate the migration that adds it). */
  hasTable(name: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The store the command-line tools use: PostgreSQL when DATABASE_URL is set, else the SQLite file
 * at DATABASE_PATH, which must exist. Neither is migrated here: the tools leave that to Commander.
 * A PostgreSQL server that cannot be used is said so in one sentence, before any work starts.
 */
export async function openCliStore(
  env: Record<string, string | undefined>,
  options: { readonly: boolean },
): Promise<CliStore> {
  if (env.DATABASE_URL) {
    const pool = createPool(parsePostgresUrl(env.DATABASE_URL, 'DATABASE_URL'));
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw new CliError(`Cannot use ${describePostgresUrl(env.DATABASE_URL)}: ${describePostgresError(error)}.`);
    }
    return {
      store: createPostgresStore(pool),
      async hasTable(name) {
        const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [name]);
        return rows[0]?.found != null;
      },
      close: () => pool.end(),
    };
  }
  const db = openDatabase(existingDatabasePath(env), { readonly: options.readonly });
  return {
    store: createStore(db),
    async hasTable(name) {
      return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
    },
    async close() {
      db.close();
    },
  };
}
