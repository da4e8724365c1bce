import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedPostgres } from './postgres-install';
import { freePort } from './postgres-server';

/**
 * A PostgreSQL server of its own, run as a child process (`node -r scripts/register-ts.js` this
 * file), for a test that must pause the whole server (SIGSTOP) without pausing the run's shared one.
 * It prints one JSON line, `{"url", "dataDir"}`, once the server accepts connections, and stops the
 * server and removes its files on SIGTERM.
 */
async function main(): Promise<void> {
  const install = loadEmbeddedPostgres(os.tmpdir());
  const port = await freePort();
  const dataDir = path.join(os.tmpdir(), `commander-own-pg-${crypto.randomBytes(6).toString('hex')}`);
  const server = new install.Server({
    databaseDir: dataDir,
    port,
    user: 'commander',
    password: 'commander-own',
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  const stop = async () => {
    await server.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    install.remove();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  await server.initialise();
  await server.start();
  process.stdout.write(
    `${JSON.stringify({ url: `postgres://commander:commander-own@127.0.0.1:${port}/postgres`, dataDir })}\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
