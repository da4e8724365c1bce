import fs from 'node:fs';
import type { RunTemp } from './global-setup';
import type { TestGlobals } from './postgres-server';

export default async function globalTeardown(): Promise<void> {
  const runTemp = (globalThis as { commanderRunTemp?: RunTemp }).commanderRunTemp;
  if (runTemp) {
    if (runTemp.before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = runTemp.before;
    fs.rmSync(runTemp.folder, { recursive: true, force: true });
  }
  const started = (globalThis as TestGlobals).commanderPostgres;
  if (!started) return;
  try {
    await started.server.stop();
  } finally {
    // The run's own copy of the binaries (if any) goes with it, so nothing ties a later run to this checkout.
    started.install.remove();
  }
}
