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
