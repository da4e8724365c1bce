import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StartupError } from '../../errors/startup-error';
import { describeFsError } from '../storage-errors';

export type Db = Database.Database;

/** Opens the database with the pragmas every connection needs; ':memory:' is accepted for tests. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:' && !options.readonly) {
    ensureFolder(path.dirname(path.resolve(file)));
  }
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (the export CLI, a backup) may hold the lock briefly; wait rather than fail.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Creates the database's folder, or says why not: a recursive mkdir reports ENOENT whatever the cause. */
function ensureFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StartupError(`The database folder ${dir} cannot be created: ${describeFsError(realCause(dir, error))}.`);
  }
}

/** Asks the first missing folder on the path itself, which fails with the real reason (EROFS, EACCES). */
function realCause(dir: string, error: unknown): unknown {
  let missing = dir;
  while (!fs.existsSync(path.dirname(missing)) && path.dirname(missing) !== missing) missing = path.dirname(missing);
  try {
    fs.mkdirSync(missing);
    fs.rmdirSync(missing);
  } catch (cause) {
    return cause;
  }
  return error;
}
