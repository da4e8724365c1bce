import type { Db } from './db';
import { describeStorageCode, storageErrorCode } from '../storage-errors';

const ROLLBACK = Symbol('rollback');

/**
 * Why a write needing a fresh page would fail right now (`SQLITE_READONLY`, `SQLITE_FULL`, …), or
 * undefined when it would go through. Reads keep working on a read-only or full database, so only
 * a write tells. The probe is always rolled back: it leaves nothing in the file.
 */
export function writeProblem(db: Db): string | undefined {
  try {
    db.transaction(() => {
      db.exec('CREATE TABLE commander_write_probe (x BLOB)');
      db.prepare('INSERT INTO commander_write_probe VALUES (zeroblob(?))').run(
        db.pragma('page_size', { simple: true }) as number,
      );
      throw ROLLBACK;
    })();
    return undefined;
  } catch (error) {
    if (error === ROLLBACK) return undefined;
    return storageErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Why SQLite refuses writes right now, for /healthz ("the disk is full (SQLITE_FULL)"), or
 * undefined. Only SQLite's own refusals count: "busy executing a query" (a cursor held open) is not the disk.
 */
export function writeRefusal(db: Db): string | undefined {
  const problem = writeProblem(db);
  return problem && storageErrorCode({ code: problem }) ? describeStorageCode(problem) : undefined;
}
