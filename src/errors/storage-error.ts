/** What kind of trouble Commander's own database is in, whichever engine it is. */
export type StorageErrorCode = 'storage_full' | 'storage_readonly' | 'storage_unavailable' | 'storage_busy';

/**
 * A call to Commander's database failed because of the database, not because of the call: its
 * disk is full, it refuses writes, or it cannot be reached or did not answer. The store turns the
 * drivers' failures into these (src/store/storage-errors.ts), so nothing outside it reads a
 * SQLite or PostgreSQL code. `transient`: the same call may pass later without anyone acting (the
 * server was restarting, slow or briefly unreachable); `driverCode` is the driver's own code, for logs.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    readonly transient: boolean,
    readonly driverCode: string,
    options?: ErrorOptions,
  ) {
    super(`database call failed: ${code} (${driverCode})`, options);
  }
}
