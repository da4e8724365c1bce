import { StorageError, type StorageErrorCode } from '../errors/storage-error';

/** SQLite's result code (`SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`, …) when the error is SQLite's. */
export function storageErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** Failures of the disk or the file rather than of one statement: the database cannot take writes. */
export function isUnwritable(code: string): boolean {
  return /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|PERM)/.test(code);
}

/** A short cause for an operator, e.g. "the disk is full (SQLITE_FULL)". */
export function describeStorageCode(code: string): string {
  if (code.startsWith('SQLITE_FULL')) return `the disk is full (${code})`;
  if (code.startsWith('SQLITE_READONLY')) return `it is read-only (${code})`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `SQLite cannot open the file (${code})`;
  if (code.startsWith('SQLITE_IOERR')) return `the disk reported an I/O error (${code})`;
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
    return `the file is not a healthy SQLite database (${code})`;
  return code;
}

const FS_CAUSES: Record<string, string> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'a file of that name is in the way',
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
};

/** "read-only file system (EROFS)" for a Node file-system error; its message otherwise. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FS_CAUSES[code]) return `${FS_CAUSES[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

type Failure = [StorageErrorCode, transient: boolean];

/** PostgreSQL's SQLSTATEs that are about the server rather than the statement. */
function postgresFailure(code: string): Failure | undefined {
  if (code === '53100') return ['storage_full', false]; // disk_full
  if (code === '25006') return ['storage_readonly', false]; // read_only_sql_transaction: a standby, or default_transaction_read_only
  // Connection exceptions (08…, but not 08P01, a malformed message: Commander's bug), resources
  // (53…: memory, too many connections), a server shutting down or starting (57P0x), a statement
  // cancelled by a timeout (57014).
  if ((code.startsWith('08') && code !== '08P01') || code.startsWith('53') || /^57(P0[1-4]|014)$/.test(code))
    return ['storage_unavailable', true];
  // The database is missing, the login refused, or the server's disk failing: someone must act.
  if (code === '3D000' || code.startsWith('28') || code.startsWith('58')) return ['storage_unavailable', false];
  return undefined;
}

function sqliteFailure(code: string): Failure | undefined {
  if (code.startsWith('SQLITE_FULL')) return ['storage_full', false];
  if (code.startsWith('SQLITE_READONLY')) return ['storage_readonly', false];
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return ['storage_unavailable', true];
  if (/^SQLITE_(IOERR|CANTOPEN|CORRUPT|NOTADB|PERM)/.test(code)) return ['storage_unavailable', false];
  return undefined;
}

/** Node's network failures on the way to PostgreSQL. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** The drivers' own failures that carry no code: [pattern of the message, the code logged, transient]. */
const UNCODED: Array<[RegExp, string, boolean]> = [
  [/^Query read timeout$|^timeout exceeded when trying to connect$|connection timeout/, 'timeout', true],
  [/^Connection terminated|not queryable|^Connection ended/, 'connection_lost', true],
  [/^Cannot use a pool after calling end/, 'closed', false],
  // better-sqlite3, once the connection is closed (at shutdown).
  [/^The database connection is not open$/, 'closed', false],
];

/**
 * A driver's failure (better-sqlite3's or pg's) as a StorageError when it is the database's trouble
 * rather than the statement's; anything else (a domain error, a constraint Commander broke) passes
 * unchanged. The one place that reads SQLite and PostgreSQL codes for the rest of Commander.
 */
export function toStorageError(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown; errors?: Array<{ code?: unknown }> } | null;
  // Duck-typed: a native driver's errors may come from another realm than this module's Error.
  if (error instanceof StorageError || typeof e?.message !== 'string') return error;
  // Node's connection attempt to every address of a host fails as one AggregateError.
  const raw = typeof e.code === 'string' ? e.code : e.errors?.find((inner) => typeof inner.code === 'string')?.code;
  const code = typeof raw === 'string' ? raw : undefined;
  let failure: Failure | undefined;
  if (code?.startsWith('SQLITE_')) failure = sqliteFailure(code);
  else if (code && NETWORK.has(code)) failure = ['storage_unavailable', true];
  else if (code && /^[0-9A-Z]{5}$/.test(code)) failure = postgresFailure(code);
  if (failure) return new StorageError(failure[0], failure[1], code as string, { cause: error });
  if (code) return error;
  const message = e.message;
  const uncoded = UNCODED.find(([pattern]) => pattern.test(message));
  return uncoded ? new StorageError('storage_unavailable', uncoded[2], uncoded[1], { cause: error }) : error;
}

/** `work`'s driver failures as StorageErrors (toStorageError). */
export async function speakingStorage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(error);
  }
}
