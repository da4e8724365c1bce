import { ackLatencyBenchmark } from './ack-latency.bench';
import { alertsBenchmark } from './alerts.bench';
import { consoleBenchmark } from './console.bench';
import { declareBenchmark } from './declare.bench';
import { exportBenchmark } from './export.bench';
import { roundTripsBenchmark } from './round-trips.bench';
import { similarBenchmark } from './similar.bench';
import { startupBenchmark } from './startup.bench';
import { statusPageBenchmark } from './status-page.bench';
import { storesBenchmark } from './stores.bench';
import { stormBenchmark } from './storm.bench';
import { tickBenchmark } from './tick.bench';

export interface BenchResult {
  name: string;
  value: string;
  goal: string;
  ok: boolean;
  /** What the figure is compared with, and why that is the floor (the best it could be). */
  floor?: string;
}

/** Every bench by its short name, in the order `npm run bench` runs them. */
export const BENCHES: Record<string, (dir: string) => Promise<BenchResult[]>> = {
  tick: tickBenchmark,
  export: exportBenchmark,
  ack: ackLatencyBenchmark,
  'round-trips': roundTripsBenchmark,
  declare: declareBenchmark,
  alerts: alertsBenchmark,
  storm: stormBenchmark,
  startup: startupBenchmark,
  stores: storesBenchmark,
  'status-page': statusPageBenchmark,
  console: consoleBenchmark,
  similar: similarBenchmark,
};
