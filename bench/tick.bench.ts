import path from 'node:path';
import { createStore } from '../src/store';
import { openDatabase } from '../src/store/sqlite/db';
import { migrate } from '../src/store/sqlite/migrate';
import type { BenchResult } from './benches';
import { DUE, meanTick, OPEN, REARM, REARM_ARGS, TICKS } from './tick-fixture';

/** One scheduler tick with 10,000 open incidents of which 100 are due (Slack calls are no-ops). */
export async function tickBenchmark(dir: string): Promise<BenchResult[]> {
  const db = openDatabase(path.join(dir, 'tick.db'));
  migrate(db);
  const rearm = db.prepare(REARM);
  const ms = await meanTick(createStore(db), async () => void rearm.run(...REARM_ARGS));
  db.close();
  return [
    {
      name: `scheduler tick: ${OPEN.toLocaleString('en')} open incidents, ${DUE} due (mean of ${TICKS})`,
      value: `${ms.toFixed(1)} ms`,
      goal: '< 20 ms',
      ok: ms < 20,
      floor:
        'none measured: an absolute goal, for a tick that must end well inside its check interval (5 s by default)',
    },
  ];
}
