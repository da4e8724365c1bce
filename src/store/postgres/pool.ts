import pg from 'pg';

/** What a repository runs its SQL on: the pool (a statement each) or one transaction's client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Times are BIGINT milliseconds and COUNT(*) is BIGINT too; pg hands both over as strings, which
 * would break every comparison and sum. They are parsed as numbers here, on this pool only (not
 * process-wide): milliseconds and counts are far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool over DATABASE_URL; it connects on first use, so opening it never waits for the server. */
export function createPool(url: string): pg.Pool {
  // A server that does not answer fails /healthz and requests in seconds rather than hanging them.
  const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle connection the server closed (a restart, a failover) is dropped and replaced by the pool;
  // unhandled, the event would end the process. A real outage shows in the next query and /healthz.
  pool.on('error', () => undefined);
  return pool;
}

/** The first row, or undefined. */
export async function one<R extends pg.QueryResultRow>(q: Queryable, sql: string, params: unknown[] = []) {
  return (await q.query<R>(sql, params)).rows[0];
}

export async function all<R extends pg.QueryResultRow>(q: Queryable, sql: string, params: unknown[] = []) {
  return (await q.query<R>(sql, params)).rows;
}
