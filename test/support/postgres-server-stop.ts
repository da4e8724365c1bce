import type { TestGlobals } from './postgres-server';

export default async function stopPostgres(): Promise<void> {
  const started = (globalThis as TestGlobals).commanderPostgres;
  if (!started) return;
  try {
    await started.server.stop();
  } finally {
    // The run's own copy of the binaries (if any) goes with it, so nothing ties a later run to this checkout.
    started.install.remove();
  }
}
