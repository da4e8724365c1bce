import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

/** Both src/store and dist/store sit two levels below the project root. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

export interface Migration {
  version: string;
  sql: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ version: name.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Versions recorded as applied that this code does not have: the database is from a newer Commander. */
export function unknownMigrations(applied: string[], migrations: Migration[]): string[] {
  const known = new Set(migrations.map((m) => m.version));
  return applied.filter((version) => !known.has(version)).sort();
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
