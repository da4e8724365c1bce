/**
 * The app for the round-trip benches, in a process of its own: the bench keeps the fake Slack (and
 * the people clicking) in its process, so the app's work and the fake's do not share an event loop
 * or take turns on one core. Built as the test harness builds it (its clock, no scheduler); the
 * bench drives it over IPC: wait until idle, run a scheduler tick, move the clock on, stop.
 */
import type { FakeSlack } from '../test/support/fake-slack';
import { type Harness, startHarness } from '../test/support/harness';

export interface AppChildOptions {
  fakeUrl: string;
  dbPath: string;
  policy?: Record<string, unknown>;
}

export type AppChildRequest = { op: 'idle' } | { op: 'tick' } | { op: 'advance'; ms: number } | { op: 'stop' };

export type AppChildReply = { ok: true; value?: unknown } | { ok: false; error: string };

async function serve(options: AppChildOptions): Promise<void> {
  // The harness needs only the fake's URL from it when the fake lives elsewhere.
  const h: Harness = await startHarness({
    fake: { url: options.fakeUrl } as FakeSlack,
    dbPath: options.dbPath,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const answer = async (request: AppChildRequest): Promise<unknown> => {
    switch (request.op) {
      case 'idle':
        return h.commander.idle();
      case 'tick':
        return h.tick();
      case 'advance':
        return h.clock.advance(request.ms);
      case 'stop':
        await h.stop();
        setImmediate(() => process.exit(0));
        return undefined;
    }
  };
  process.on('message', (request: AppChildRequest) => {
    answer(request).then(
      (value) => process.send!({ ok: true, value } satisfies AppChildReply),
      (error: unknown) =>
        process.send!({
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        } satisfies AppChildReply),
    );
  });
  process.send!({ ok: true, value: h.eventsUrl } satisfies AppChildReply);
}

if (require.main === module) {
  serve(JSON.parse(process.argv[2] as string) as AppChildOptions).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
