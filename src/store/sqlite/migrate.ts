import path from 'node:path';
import type { Db } from './db';
import { type Migration, MIGRATIONS_ROOT, readMigrationFiles, unknownMigrations } from '../migrations';

export type { Migration };

export const MIGRATIONS_DIR = path.join(MIGRATIONS_ROOT, 'sqlite');

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readMigrationFiles(dir);
}

/** Applies pending migrations in order, each in its own transaction; returns the versions applied. */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version TEXT PRIMARY KEY,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as string[]);
  const unknown = unknownMigrations([...applied], migrations);
  if (unknown.length > 0)
    throw new Error(`the database has migration ${unknown.join(', ')}, which this version of Commander does not know`);
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(migration.version, Date.now());
      })();
    } catch (error) {
      // The operator needs to know which file failed; the transaction has undone all of it.
      // SqliteError is not always an instance of this realm's Error (jest), so read the message directly.
      const reason = (error as { message?: unknown } | null)?.message ?? error;
      throw new Error(`migration ${migration.version} failed and was rolled back: ${String(reason)}`);
    }
    done.push(migration.version);
  }
  return done;
}
