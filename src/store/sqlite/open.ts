import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../../errors/startup-error';
import { openDatabase, type Db } from './db';
import { type Migration, unknownMigrations } from '../migrations';
import { migrate, readMigrations } from './migrate';
import { describeFsError, describeStorageCode, storageErrorCode } from '../storage-errors';
import { writeProblem } from './writable';

/**
 * Opens the app's database, or refuses with one line an operator can act on: a database from a
 * newer Commander (left untouched), one that cannot be opened, or one that cannot be written
 * (which would otherwise look healthy and fail every request). Then applies pending migrations.
 */
export function openAppDatabase(
  file: string,
  migrations: Migration[] = readMigrations(),
): { db: Db; applied: string[] } {
  if (file !== ':memory:' && fs.existsSync(file)) refuseNewerSchema(file, migrations);
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(`The database ${file} cannot be opened: ${describe(error, file)}.`);
  }
  try {
    const problem = writeProblem(db);
    if (problem) {
      throw new StartupError(
        `The database ${file} cannot be written: ${file === ':memory:' ? describeStorageCode(problem) : describe({ code: problem }, file)}. Check that this user may write the file and its folder, and that the disk has room.`,
      );
    }
    return { db, applied: migrate(db, migrations) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Reads the applied migrations through a read-only connection, so a refused database is not changed. */
function refuseNewerSchema(file: string, migrations: Migration[]): void {
  const leftovers = ['-wal', '-shm'].map((suffix) => `${file}${suffix}`).filter((f) => !fs.existsSync(f));
  let applied: string[];
  try {
    const db = openDatabase(file, { readonly: true });
    try {
      const hasTable = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        .get();
      applied = hasTable ? (db.prepare('SELECT version FROM schema_migrations').pluck().all() as string[]) : [];
    } finally {
      db.close();
    }
  } catch (error) {
    throw new StartupError(`The database ${file} cannot be opened: ${describe(error, file)}.`);
  } finally {
    // A read-only connection to a WAL database creates these and cannot remove them; nobody else
    // had them open (they did not exist), so they go, and the folder is as it was.
    for (const f of leftovers)
      if (fs.existsSync(f) && (f.endsWith('-shm') || fs.statSync(f).size === 0)) fs.rmSync(f, { force: true });
  }
  const unknown = unknownMigrations(applied, migrations);
  if (unknown.length > 0) {
    throw new StartupError(
      `The database ${file} was written by a newer Commander: it has migration ${unknown.join(', ')}, which this version does not know. ` +
        'Run the newer version, or restore a backup taken before the upgrade. The database was not changed.',
    );
  }
}

/** SQLite says only "cannot open"; the file system knows why (a read-only mount, permissions). */
function describe(error: unknown, file: string): string {
  for (const target of [file, path.dirname(path.resolve(file))]) {
    try {
      if (fs.existsSync(target)) fs.accessSync(target, fs.constants.R_OK | fs.constants.W_OK);
    } catch (cause) {
      return `${target === file ? 'the file' : `its folder ${target}`} is not writable: ${describeFsError(cause)}`;
    }
  }
  const code = storageErrorCode(error);
  if (code) return describeStorageCode(code);
  return error instanceof Error ? error.message : String(error);
}
