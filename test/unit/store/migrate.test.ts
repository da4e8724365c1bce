import { openDatabase } from '../../../src/store/sqlite/db';
import { LOCKSTEP_FROM } from '../../../src/store/migrations';
import { readPostgresMigrations } from '../../../src/store/postgres/migrate';
import { migrate, readMigrations } from '../../../src/store/sqlite/migrate';

describe('migrations', () => {
  it('are numbered, forward-only files applied in order', () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual([...versions].sort());
    versions.forEach((v, i) => expect(v.startsWith(String(i + 1).padStart(4, '0'))).toBe(true));
  });

  it('from 0016 on come in pairs: one number, one name, a file for each engine', () => {
    const shared = (versions: string[]) => versions.filter((v) => Number(v.slice(0, 4)) >= LOCKSTEP_FROM);
    const sqlite = readMigrations().map((m) => m.version);
    const postgres = readPostgresMigrations().map((m) => m.version);
    expect(shared(postgres)).toEqual(shared(sqlite));
    // Each engine's own numbering stopped below the shared range, so the next number is the same for both.
    expect(sqlite.filter((v) => !shared(sqlite).includes(v)).length).toBe(LOCKSTEP_FROM - 1);
  });

  it('run once: a second start applies nothing', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toEqual(readMigrations().map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'incidents'").get()).toBeTruthy();
  });

  it('roll back a failing migration completely and record nothing', () => {
    const db = openDatabase(':memory:');
    const broken = [{ version: '0001_broken', sql: 'CREATE TABLE a (x INTEGER); INSERT INTO nope VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrow('migration 0001_broken failed and was rolled back: no such table: nope');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
  });

  it('apply only the new ones to an existing database', () => {
    const db = openDatabase(':memory:');
    migrate(db, [{ version: '0001_a', sql: 'CREATE TABLE a (x INTEGER);' }]);
    expect(
      migrate(db, [
        { version: '0001_a', sql: 'CREATE TABLE a (x INTEGER);' },
        { version: '0002_b', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' },
      ]),
    ).toEqual(['0002_b']);
  });

  it('refuse a database that has a migration this version does not know, and apply nothing', () => {
    const db = openDatabase(':memory:');
    migrate(db, [
      { version: '0001_a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: '0002_b', sql: 'CREATE TABLE b (x INTEGER);' },
    ]);
    expect(() =>
      migrate(db, [
        { version: '0001_a', sql: '' },
        { version: '0003_c', sql: 'CREATE TABLE c (x INTEGER);' },
      ]),
    ).toThrow('the database has migration 0002_b, which this version of Commander does not know');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'c'").get()).toBeUndefined();
  });
});
