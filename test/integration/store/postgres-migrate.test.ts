import { LOCKSTEP_FROM } from '../../../src/store/migrations';
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
    // Numbered on their own up to 0006, then in lockstep with SQLite's from LOCKSTEP_FROM (0016).
    const numbers = versions.map((v) => Number(v.slice(0, 4)));
    const own = numbers.filter((n) => n < LOCKSTEP_FROM);
    expect(own).toEqual(own.map((_, i) => i + 1));
    expect(numbers.filter((n) => n >= LOCKSTEP_FROM)).toEqual(
      numbers.filter((n) => n >= LOCKSTEP_FROM).map((_, i) => LOCKSTEP_FROM + i),
    );
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
