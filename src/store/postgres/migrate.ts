import path from 'node:path';
import type pg from 'pg';
import { StartupError } from '../../errors/startup-error';
import { type Migration, MIGRATIONS_ROOT, readMigrationFiles, unknownMigrations } from '../migrations';

/** PostgreSQL's migrations, in their own folder since the SQL differs (numbering: ../migrations.ts). */
export const POSTGRES_MIGRATIONS_DIR = path.join(MIGRATIONS_ROOT, 'postgres');

export function readPostgresMigrations(dir: string = POSTGRES_MIGRATIONS_DIR): Migration[] {
  return readMigrationFiles(dir);
}

/** Any fixed number: every replica takes the same advisory lock, so one migrates and the others wait. */
const MIGRATION_LOCK = 7_310_013;

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock: two replicas
 * starting together do not both migrate; the second finds the work done. A database written by a
 * newer Commander is refused and left untouched. Returns the versions applied.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: Migration[] = readPostgresMigrations(),
): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const applied = new Set(
        (await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      const unknown = unknownMigrations([...applied], migrations);
      if (unknown.length > 0) {
        throw new StartupError(
          `The PostgreSQL database was written by a newer Commander: it has migration ${unknown.join(', ')}, which this version does not know. ` +
            'Run the newer version, or restore a backup taken before the upgrade. The database was not changed.',
        );
      }
      const done: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        try {
          await client.query('BEGIN');
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
            migration.version,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`migration postgres/${migration.version} failed and was rolled back: ${reason}`);
        }
        done.push(migration.version);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
