import { createStore, type Tx } from '../../src/store';
import { openDatabase } from '../../src/store/sqlite/db';
import { migrate } from '../../src/store/sqlite/migrate';
import { createPostgresStore } from '../../src/store/postgres';
import { migratePostgres } from '../../src/store/postgres/migrate';
import { freshPostgresDatabase, postgresOff } from './postgres';

/**
 * The two store engines, for suites that must pass on both (`describe.each(STORE_ENGINES)`). `fresh`
 * gives an empty, migrated store; `settled` is true when no transaction holds a connection.
 */
export interface StoreEngine {
  name: string;
  fresh(): Promise<Tx>;
  settled(): boolean;
  end(): Promise<void>;
}

function sqlite(): StoreEngine {
  let db: ReturnType<typeof openDatabase> | undefined;
  return {
    name: 'SQLite',
    async fresh() {
      db?.close();
      db = openDatabase(':memory:');
      migrate(db);
      return createStore(db);
    },
    settled: () => db?.inTransaction === false,
    async end() {
      db?.close();
    },
  };
}

/** One database per suite, emptied before each test: creating a database per test would cost seconds. */
function postgres(): StoreEngine {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;
  return {
    name: 'PostgreSQL',
    async fresh() {
      if (!database) {
        database = await freshPostgresDatabase();
        await migratePostgres(database.pool);
      } else {
        const tables = await database.pool.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
        );
        await database.pool.query(
          `TRUNCATE ${tables.rows.map((t) => t.tablename).join(', ')} RESTART IDENTITY CASCADE`,
        );
      }
      return createPostgresStore(database.pool);
    },
    settled: () => database !== undefined && database.pool.idleCount === database.pool.totalCount,
    async end() {
      await database?.close();
    },
  };
}

/**
 * Both engines in `npm test`; SQLite alone in `npm run test:unit`, the quick loop, which starts no
 * PostgreSQL (global-setup.ts).
 */
export const STORE_ENGINES: Array<() => StoreEngine> = postgresOff() ? [sqlite] : [sqlite, postgres];
