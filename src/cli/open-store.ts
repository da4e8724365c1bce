import { createStore, type Store } from '../store';
import { type Migration, unknownMigrations } from '../store/migrations';
import { createPostgresStore } from '../store/postgres';
import { readPostgresMigrations } from '../store/postgres/migrate';
import { createPool } from '../store/postgres/pool';
import { openDatabase } from '../store/sqlite/db';
import { readMigrations } from '../store/sqlite/migrate';
import { existingDatabasePath } from './database-path';
import { CliError } from './output';
import { describePostgresError, describePostgresUrl, parsePostgresUrl } from './postgres-target';

export interface CliStore {
  store: Store;
  close(): Promise<void>;
}

/**
 * The store the command-line tools use: PostgreSQL when DATABASE_URL is set, else the SQLite file
 * at DATABASE_PATH, which must exist. Neither is migrated here: the tools leave that to Commander.
 * A PostgreSQL server that cannot be used, or a database whose schema is not this version's, is
 * said so in one sentence, before any work starts (not as "no such column" halfway through).
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
    try {
      const { rows } = await pool
        .query<{ version: string }>(
          "SELECT version FROM schema_migrations WHERE to_regclass('schema_migrations') IS NOT NULL",
        )
        .catch(() => ({ rows: [] as Array<{ version: string }> }));
      refuseOtherSchema(
        rows.map((r) => r.version),
        readPostgresMigrations(),
      );
    } catch (error) {
      await pool.end();
      throw error;
    }
    return {
      store: createPostgresStore(pool),
      close: () => pool.end(),
    };
  }
  const db = openDatabase(existingDatabasePath(env), { readonly: options.readonly });
  try {
    const recorded = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    const applied = recorded ? (db.prepare('SELECT version FROM schema_migrations').pluck().all() as string[]) : [];
    refuseOtherSchema(applied, readMigrations());
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    store: createStore(db),
    async close() {
      db.close();
    },
  };
}

/** The tools read and write this version's schema: an older database is upgraded by starting Commander, a newer one is left alone. */
function refuseOtherSchema(applied: string[], known: Migration[]): void {
  const newer = unknownMigrations(applied, known);
  if (newer.length > 0)
    throw new CliError(
      `This database was written by a newer Commander (migration ${newer.at(-1)}): use that version's tools.`,
    );
  const missing = known.filter((m) => !applied.includes(m.version));
  if (missing.length > 0)
    throw new CliError(
      `This database predates this version of Commander (it lacks migration ${missing[0]?.version}): start Commander once to upgrade it, then run this again.`,
    );
}
