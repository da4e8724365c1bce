import pg from 'pg';
import type { Harness, HarnessOptions } from './harness';
import { freshPostgresDatabase, postgresOff } from './postgres';

export type AppEngine = 'SQLite' | 'PostgreSQL';

/**
 * The engines the flow suites run the whole app on (`describe.each(APP_ENGINES)`): both in `npm test`,
 * SQLite alone when the run starts no PostgreSQL (`COMMANDER_TEST_POSTGRES=off`).
 */
export const APP_ENGINES: AppEngine[] = postgresOff() ? ['SQLite'] : ['SQLite', 'PostgreSQL'];

/**
 * The harness option that puts the app on `engine`. Call it once in a describe block; each call of
 * `options()` gives an empty database: on SQLite a new file (the harness's default), on PostgreSQL one
 * database for the block, made on first use and emptied before each next one (creating a database
 * per test would cost more than the test), dropped with the block.
 */
export function appDatabase(engine: AppEngine): { options(): Promise<Pick<HarnessOptions, 'databaseUrl'>> } {
  if (engine === 'SQLite') return { options: async () => ({}) };
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;
  let used = false;
  afterAll(async () => database?.close());
  return {
    async options() {
      database ??= await freshPostgresDatabase();
      // The app migrates at start; from the second harness on the tables are there to empty.
      if (used) await emptyTables(database.pool);
      used = true;
      return { databaseUrl: database.url };
    },
  };
}

async function emptyTables(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
  );
  if (rows.length > 0) await pool.query(`TRUNCATE ${rows.map((t) => t.tablename).join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * A write no flow makes: the state a crashed replica or an older version left behind, which no
 * repository writes (and should not). With `tableRows`, the one place the flow suites reach past
 * the repositories, on either engine; `?` placeholders, booleans as booleans.
 */
export async function forceRows(h: Harness, sql: string, ...params: unknown[]): Promise<void> {
  await onEitherEngine(h, 'run', sql, params);
}

/**
 * Rows as the table holds them, for what the store keeps only for people and tools reading the
 * table (a timeline entry's history and removal marks), which no repository reads back. Everything
 * else is read through `h.store` (support/stored.ts).
 */
export function tableRows(h: Harness, sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> {
  return onEitherEngine(h, 'all', sql, params);
}

/** Times and counts are BIGINT; as numbers, as the app's pool reads them (src/store/postgres/pool.ts). */
const BIGINT_AS_NUMBER = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

async function onEitherEngine(
  h: Harness,
  mode: 'run' | 'all',
  sql: string,
  params: unknown[],
): Promise<Array<Record<string, unknown>>> {
  if (h.engine === 'sqlite') {
    // SQLite keeps booleans as 0/1.
    const statement = h.commander.db.prepare(sql);
    const values = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
    if (mode === 'all') return statement.all(...values) as Array<Record<string, unknown>>;
    statement.run(...values);
    return [];
  }
  let n = 0;
  const client = new pg.Client({ connectionString: h.databaseUrl, types: BIGINT_AS_NUMBER });
  await client.connect();
  try {
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
  } finally {
    await client.end();
  }
}
