import { readMigrations } from '../../../src/store/sqlite/migrate';
import { migratePostgres, readPostgresMigrations } from '../../../src/store/postgres/migrate';
import { freshPostgresDatabase } from '../../support/postgres';

const tables = async (pool: Awaited<ReturnType<typeof freshPostgresDatabase>>['pool']) =>
  (
    await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
  ).rows.map((r) => r.tablename);

describe('PostgreSQL migrations', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  const fresh = async () => {
    const database = await freshPostgresDatabase();
    opened.push(database);
    return database.pool;
  };
  afterAll(async () => {
    for (const database of opened) await database.close();
  });

  it('are numbered, forward-only files of their own folder, which the SQLite list does not pick up', () => {
    const versions = readPostgresMigrations().map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual([...versions].sort());
    versions.forEach((v, i) => expect(v.startsWith(String(i + 1).padStart(4, '0'))).toBe(true));
    expect(readMigrations().map((m) => m.sql)).not.toContain(readPostgresMigrations()[0]?.sql);
  });

  it('run once, even when two replicas start together', async () => {
    const pool = await fresh();
    const [a, b] = await Promise.all([migratePostgres(pool), migratePostgres(pool)]);
    expect([...a, ...b]).toEqual(readPostgresMigrations().map((m) => m.version));
    expect(await migratePostgres(pool)).toEqual([]);
    expect(await tables(pool)).toContain('incidents');
  });

  it('roll back a failing migration completely and record nothing', async () => {
    const pool = await fresh();
    const broken = [{ version: '0001_broken', sql: 'CREATE TABLE a (x INTEGER); INSERT INTO nope VALUES (1);' }];
    await expect(migratePostgres(pool, broken)).rejects.toThrow(
      'migration postgres/0001_broken failed and was rolled back: relation "nope" does not exist',
    );
    expect(await tables(pool)).toEqual(['schema_migrations']);
    expect((await pool.query('SELECT version FROM schema_migrations')).rows).toEqual([]);
  });

  it('refuse a database from a newer Commander, and apply nothing', async () => {
    const pool = await fresh();
    await migratePostgres(pool, [
      { version: '0001_a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: '0002_b', sql: 'CREATE TABLE b (x INTEGER);' },
    ]);
    await expect(
      migratePostgres(pool, [
        { version: '0001_a', sql: '' },
        { version: '0003_c', sql: 'CREATE TABLE c (x INTEGER);' },
      ]),
    ).rejects.toThrow('written by a newer Commander: it has migration 0002_b, which this version does not know');
    expect(await tables(pool)).toEqual(['a', 'b', 'schema_migrations']);
  });
});
