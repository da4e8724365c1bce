import { IncidentError } from '../../../src/incidents/incidents.errors';
import { StorageError } from '../../../src/errors/storage-error';
import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { toStorageError } from '../../../src/store/storage-errors';

/** An error as pg hands it over: the server's SQLSTATE, or Node's network code, in `code`. */
const driverError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

const seen = (error: unknown) => {
  const converted = toStorageError(error);
  return converted instanceof StorageError
    ? { code: converted.code, transient: converted.transient, driverCode: converted.driverCode }
    : 'unchanged';
};

describe("the drivers' failures, as the rest of Commander sees them", () => {
  it.each([
    ['could not extend file: No space left on device', '53100', 'storage_full', false],
    ['cannot execute INSERT in a read-only transaction', '25006', 'storage_readonly', false],
    ['terminating connection due to administrator command', '57P01', 'storage_unavailable', true],
    ['the database system is starting up', '57P03', 'storage_unavailable', true],
    ['connection failure', '08006', 'storage_unavailable', true],
    ['sorry, too many clients already', '53300', 'storage_unavailable', true],
    ['connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED', 'storage_unavailable', true],
    ['database "commander" does not exist', '3D000', 'storage_unavailable', false],
    ['password authentication failed for user "commander"', '28P01', 'storage_unavailable', false],
  ])('PostgreSQL: %s (%s) is %s', (message, code, kind, transient) => {
    expect(seen(driverError(message, code))).toEqual({ code: kind, transient, driverCode: code });
  });

  it.each([
    ['Query read timeout', 'timeout'],
    ['timeout exceeded when trying to connect', 'timeout'],
    ['Connection terminated unexpectedly', 'connection_lost'],
    ['Connection terminated due to connection timeout', 'timeout'],
  ])('PostgreSQL: a server that does not answer ("%s") is unavailable for now', (message, driverCode) => {
    expect(seen(driverError(message))).toEqual({ code: 'storage_unavailable', transient: true, driverCode });
  });

  it("SQLite: a read-only or full database, and a closed one, through the store's own calls", async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const store = createStore(db);
    db.exec('CREATE TABLE filler (x BLOB)');
    db.pragma('query_only = 1');
    await expect(store.people.remember('UALICE0001', 'alice', 0)).rejects.toMatchObject({
      name: 'StorageError',
      code: 'storage_readonly',
      driverCode: 'SQLITE_READONLY',
    });
    db.pragma('query_only = 0');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    await expect(
      store.transaction(async (tx) => {
        db.prepare('INSERT INTO filler VALUES (zeroblob(100000))').run();
        await tx.people.remember('UALICE0001', 'alice', 0);
      }),
    ).rejects.toMatchObject({ code: 'storage_full', transient: false });
    db.close();
    await expect(store.people.nameOf('UALICE0001')).rejects.toMatchObject({ code: 'storage_unavailable' });
  });

  it("leaves what is not the database's trouble as it is: a broken constraint, a domain error", () => {
    expect(seen(driverError('duplicate key value violates unique constraint', '23505'))).toBe('unchanged');
    expect(seen(driverError('UNIQUE constraint failed: people.user_id', 'SQLITE_CONSTRAINT_UNIQUE'))).toBe('unchanged');
    expect(seen(driverError('bind message supplies 1 parameters, but prepared statement requires 2', '08P01'))).toBe(
      'unchanged',
    );
    expect(seen(new IncidentError('not_allowed', 'no'))).toBe('unchanged');
  });
});
