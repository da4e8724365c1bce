/**
 * Commander's status page for the status-page bench, in a process of its own (as the ack bench runs
 * the app): the harness's app with STATUS_PORT, filled by bench/status-page-fixture.ts through the
 * domain API. Sends its status page's base URL over IPC, then serves until killed.
 */
import { startHarness } from '../test/support/harness';
import { fillStatusPage, STATUS_PAGE_POLICY } from './status-page-fixture';

async function serve(dbPath: string): Promise<void> {
  const h = await startHarness({ dbPath, statusPage: true, policy: STATUS_PAGE_POLICY });
  await fillStatusPage(h);
  process.send!({ statusUrl: h.statusUrl });
  process.on('SIGTERM', () => void h.stop().then(() => process.exit(0)));
}

if (require.main === module) {
  serve(process.argv[2] as string).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
