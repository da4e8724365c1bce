import type pg from 'pg';
import type { DatabaseHealth } from '../../database-health';
import type { StoreEngine } from '../engine';
import { createPostgresStore } from '.';
import { migratePostgres } from './migrate';
import { createPool } from './pool';

/** PostgreSQL at `url`: the pool connects on first use, so opening does not wait for the server; `ready()` migrates. */
export function openPostgresEngine(url: string): StoreEngine {
  const pool = createPool(url);
  let closed = false;
  return {
    kind: 'postgres',
    store: createPostgresStore(pool),
    db: undefined,
    ready: () => migratePostgres(pool),
    health: () => postgresHealth(pool, closed),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** How long /healthz waits for PostgreSQL: an orchestrator's probe gives up after a few seconds. */
export const HEALTH_WAIT_MS = 3_000;

/**
 * A standby answers reads and refuses every change, and so does a server with
 * `default_transaction_read_only` on (what managed services set when their storage is full):
 * both are unhealthy. The check is bounded: a server that stops answering is unhealthy within
 * HEALTH_WAIT_MS rather than holding the probe (and the load balancer's verdict) for minutes.
 */
async function postgresHealth(pool: ReturnType<typeof createPool>, closed: boolean): Promise<DatabaseHealth> {
  if (closed) return { ok: false, status: 'database unavailable', reason: 'the database is closed' };
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`PostgreSQL did not answer within ${HEALTH_WAIT_MS / 1000} s`)),
      HEALTH_WAIT_MS,
    );
  });
  try {
    const { rows } = await Promise.race([
      pool.query<{ standby: boolean; read_only: string }>({
        text: "SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') AS read_only",
        query_timeout: HEALTH_WAIT_MS,
      } as pg.QueryConfig),
      silence,
    ]);
    if (rows[0]?.standby)
      return { ok: false, status: 'database not writable', reason: 'the PostgreSQL server is a read-only standby' };
    if (rows[0]?.read_only === 'on')
      return {
        ok: false,
        status: 'database not writable',
        reason: 'PostgreSQL refuses writes (default_transaction_read_only is on; a full disk, say)',
      };
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      status: 'database unavailable',
      reason: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
