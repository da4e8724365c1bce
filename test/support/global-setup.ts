import fs from 'node:fs';
import os from 'node:os';
import { postgresOff } from './postgres';
import { startPostgres } from './postgres-server';
import { makeRunFolder, removeStaleRunFolders } from './run-folders';

/** What globalSetup leaves for globalTeardown (jest runs both in one process). */
export interface RunTemp {
  folder: string;
  /** TMPDIR as it was before the run. */
  before: string | undefined;
}

export const RUN_PREFIX = 'commander-test-run-';

/**
 * Before any test file: one real PostgreSQL for the run, and a temp folder of the run's own. Test
 * files and the processes they start inherit TMPDIR pointing into it, so whatever they leave in
 * "the temp folder" goes with the run at its end, and a run killed before then is swept by the next.
 */
export default async function globalSetup(): Promise<void> {
  const shared = os.tmpdir();
  removeStaleRunFolders(shared, RUN_PREFIX);
  // The server's files stay directly under the shared temp folder, which the postgres user can reach.
  if (!postgresOff()) await startPostgres(shared);
  const folder = makeRunFolder(shared, RUN_PREFIX);
  // A server a test starts as root keeps its data here: the postgres user must pass through.
  fs.chmodSync(folder, 0o755);
  (globalThis as { commanderRunTemp?: RunTemp }).commanderRunTemp = { folder, before: process.env.TMPDIR };
  process.env.TMPDIR = folder;
}
