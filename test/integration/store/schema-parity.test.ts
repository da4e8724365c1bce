import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { migratePostgres } from '../../../src/store/postgres/migrate';
import { freshPostgresDatabase } from '../../support/postgres';

/**
 * The two engines' migrations must end in the same tables and columns: the PostgreSQL repositories
 * run the SQLite ones' queries, so a column added on one side only breaks the other at run time.
 */
/**
 * The full-text index is each engine's own (SQLite's FTS5 table and its shadow tables, PostgreSQL's
 * tsvector table: migration 0026); triggers keep it, and only its engine-specific statement reads it.
 */
const ownIndex = (table: string) => table.startsWith('incident_search');

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables with the same columns', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const sqlite = Object.fromEntries(
      tables
        .filter((t) => !ownIndex(t))
        .map((t) => [t, (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).sort()]),
    );
    const database = await freshPostgresDatabase();
    try {
      await migratePostgres(database.pool);
      const { rows } = await database.pool.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
      );
      const postgres = Object.fromEntries(
        [...new Set(rows.map((r) => r.table_name))]
          .filter((t) => !ownIndex(t))
          .map((t) => [
            t,
            rows
              .filter((r) => r.table_name === t)
              .map((r) => r.column_name)
              .sort(),
          ]),
      );
      expect(postgres).toEqual(sqlite);
    } finally {
      await database.close();
    }
  });
});
