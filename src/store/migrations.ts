import fs from 'node:fs';
import path from 'node:path';

/**
 * Each engine's migrations, in `migrations/<engine>/NNNN_name.sql`. From 0016 on they are numbered
 * in lockstep: a schema change is one number with a file in each folder (test/unit/store/migrate.test.ts).
 * Both src/store and dist/store sit two levels below the project root.
 */
export const MIGRATIONS_ROOT = path.resolve(__dirname, '..', '..', 'migrations');

/** The first number both engines share; before it each engine numbered its own. */
export const LOCKSTEP_FROM = 16;

export interface Migration {
  version: string;
  sql: string;
}

export function readMigrationFiles(dir: string): Migration[] {
  if (!fs.existsSync(dir)) return [];
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
