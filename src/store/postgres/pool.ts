import pg from 'pg';
import { speakingStorage } from '../storage-errors';

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

/**
 * A pool over DATABASE_URL; it connects on first use, so opening it never waits for the server.
 * A server that stops answering (paused, a partition, a hung primary) would otherwise hold whatever
 * waits on it for as long as the kernel keeps the TCP connection, about 15 minutes:
 * - a connection that is not made within 5 s fails, and so does waiting 5 s for a free one;
 * - TCP keepalives from 10 s of silence on find a peer that is gone (the store's own statements are
 *   bounded too: boundedQueries);
 * - the server ends a transaction left open 60 s with nothing asked of it (its replica lost), so
 *   the row locks it holds are not held for the others for longer than that.
 */
export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle connection the server closed (a restart, a failover) is dropped and replaced by the pool;
  // unhandled, the event would end the process. A real outage shows in the next query and /healthz.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * How long the store waits for the answer to one statement. A request, an alert or a timed job then
 * fails in seconds with a StorageError when the server stops answering. Migrations and migrate-store
 * use the pool directly, without it: a long migration or copy is legitimate.
 */
export const STATEMENT_WAIT_MS = 10_000;

/**
 * Statements on the pool or on one connection, each given STATEMENT_WAIT_MS (pg's client-side
 * `query_timeout`: it holds when the server says nothing at all, which `statement_timeout` cannot),
 * and the driver's failures turned into StorageErrors.
 */
export function boundedQueries(target: pg.Pool | pg.PoolClient, waitMs = STATEMENT_WAIT_MS): Queryable {
  return {
    query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      speakingStorage(() =>
        // query_timeout is read per query by pg's client (lib/client.js), though its types omit it.
        target.query<R>({ text, values, query_timeout: waitMs } as pg.QueryConfig),
      ),
  };
}

/** The first row, or undefined. */
export async function one<R extends pg.QueryResultRow>(q: Queryable, sql: string, params: unknown[] = []) {
  return (await q.query<R>(sql, params)).rows[0];
}

export async function all<R extends pg.QueryResultRow>(q: Queryable, sql: string, params: unknown[] = []) {
  return (await q.query<R>(sql, params)).rows;
}
