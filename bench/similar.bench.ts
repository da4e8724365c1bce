import path from 'node:path';
import { parsePolicy } from '../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../src/config/policy.defaults';
import type { Incident } from '../src/incidents/incident.types';
import { createSimilarIncidents } from '../src/similar/similar.service';
import { createStore, type Store } from '../src/store';
import { createPostgresStore } from '../src/store/postgres';
import { migratePostgres } from '../src/store/postgres/migrate';
import { createPool } from '../src/store/postgres/pool';
import { openDatabase } from '../src/store/sqlite/db';
import { migrate } from '../src/store/sqlite/migrate';
import { ManualClock } from '../test/support/manual-clock';
import type { BenchResult } from './benches';
import { CONSOLE_INCIDENTS, CONSOLE_SERVICES, ENTRIES_EACH, seedConsoleHistory } from './console-fixture';
import { startBenchPostgres } from './postgres-server';
import { elapsedMs, ms, percentile } from './stats';

const SAMPLES = 200;
const WARM_UP = 20;
/** Issue 30: searching 10,000 incidents for similar ones. */
const GOAL_P95_MS = 50;
const NOW = Date.UTC(2026, 10, 24, 9, 0);

/**
 * What people type or declare: the example, titles made of the history's own (and so very
 * common) words, a long sentence, and words nobody wrote. Each is searched as the declare form's
 * title is (`matching`); the kick-off's search (`like`, an incident's title, impact and services)
 * is measured on the open incidents.
 */
const TYPED = [
  'Stripe webhooks failing with TLS errors',
  'checkout errors',
  'slow search on payments',
  'database failover stale caches queue backlog login failures',
  'Customers see payment timeouts and webhook delays after the deploy of the ledger service this morning',
  'zebra unicorn quasar',
];

interface EngineFigures {
  seedMs: number;
  matching: { p50: number; p95: number };
  like: { p50: number; p95: number };
}

async function timed(samples: number, run: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARM_UP; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    await run(i);
    times.push(elapsedMs(started));
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function benchStore(store: Store, settle: () => Promise<void> = async () => undefined): Promise<EngineFigures> {
  const seeding = process.hrtime.bigint();
  await seedConsoleHistory(store, NOW);
  // The example: the past incident a new one should find first, with its root cause.
  const { incident: payments } = await store.incidents.insertOnce({
    declareKey: 'similar-bench-payments',
    title: 'Card payments failing',
    severity: 'SEV1',
    impact: 'Customers cannot pay by card',
    commanderId: 'UANA',
    declaredBy: 'UANA',
    declaredAt: NOW - 3_600_000,
    sourceViewId: null,
    isPrivate: false,
    type: 'incident',
  });
  await store.incidents.update(payments.id, {
    status: 'resolved',
    resolvedAt: NOW - 1_800_000,
    resolution: 'Renewed the certificate',
    rootCause: 'Expired TLS certificate on the Stripe webhook endpoint',
  });
  const seedMs = elapsedMs(seeding);
  await settle();

  const policy = parsePolicy({ ...DEFAULT_POLICY_INPUT, services: CONSOLE_SERVICES });
  const similar = createSimilarIncidents({ store, policy, clock: new ManualClock(NOW) });
  const [first] = await similar.matching(TYPED[0]!, { public: true });
  if (first?.incident.id !== payments.id)
    throw new Error(`"${TYPED[0]}" found #${first?.incident.id} first, not the card payments incident`);
  const open = (await store.incidents.listOpen()).filter((i: Incident) => !i.isPrivate);
  if (open.length === 0) throw new Error('the seeded history has no open incident');
  return {
    seedMs,
    matching: await timed(SAMPLES, (i) => similar.matching(TYPED[i % TYPED.length]!, { public: true })),
    like: await timed(SAMPLES, (i) => similar.like(open[i % open.length]!, { public: true })),
  };
}

async function sqlite(dir: string): Promise<EngineFigures> {
  const db = openDatabase(path.join(dir, 'similar.db'));
  try {
    migrate(db);
    return await benchStore(createStore(db));
  } finally {
    db.close();
  }
}

async function postgres(): Promise<EngineFigures> {
  const server = await startBenchPostgres();
  try {
    const pool = createPool(await server.database());
    try {
      await migratePostgres(pool);
      // The planner's statistics, as autovacuum keeps them in a running database: a table loaded a
      // moment ago has none yet, and without them PostgreSQL plans every search as a scan of all incidents.
      const figures = await benchStore(createPostgresStore(pool), async () => void (await pool.query('ANALYZE')));
      return figures;
    } finally {
      await pool.end();
    }
  } finally {
    await server.stop();
  }
}

const shown = (f: EngineFigures) =>
  `declare form's title p50 ${ms(f.matching.p50)} / p95 ${ms(f.matching.p95)}, kick-off p50 ${ms(f.like.p50)} / p95 ${ms(f.like.p95)}`;
const met = (f: EngineFigures) => f.matching.p95 <= GOAL_P95_MS && f.like.p95 <= GOAL_P95_MS;

/**
 * Similar past incidents (src/similar) over a history of 10,000 incidents and 200,000 timeline
 * entries, each search through the service as the app calls it (the full-text index, then the
 * candidates' services and alerts, then the ranking), one at a time, on SQLite and on PostgreSQL.
 */
export async function similarBenchmark(dir: string): Promise<BenchResult[]> {
  // SQLite first, before the PostgreSQL server starts: its background work would fall on SQLite's.
  const lite = await sqlite(dir);
  const pg = await postgres();
  const history = `${CONSOLE_INCIDENTS.toLocaleString('en')} incidents, ${(CONSOLE_INCIDENTS * ENTRIES_EACH).toLocaleString('en')} timeline entries (seeded and indexed in ${(lite.seedMs / 1000).toFixed(1)} s on SQLite, ${(pg.seedMs / 1000).toFixed(1)} s on PostgreSQL)`;
  return [
    {
      name: `similar-incident search over ${history}; ${SAMPLES} searches each, one at a time, of ${TYPED.length} typed titles (the declare form) and of the open incidents (the kick-off)`,
      value: `SQLite: ${shown(lite)} · PostgreSQL: ${shown(pg)}`,
      floor: 'the full-text index answers from the words searched for, never a scan of the incidents',
      goal: `p95 ≤ ${GOAL_P95_MS} ms on both`,
      ok: met(lite) && met(pg),
    },
  ];
}
