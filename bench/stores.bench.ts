import path from 'node:path';
import { CLAIM_TOGETHER } from '../src/timers/lease-holder';
import { createStore, type Store } from '../src/store';
import { openDatabase } from '../src/store/sqlite/db';
import { migrate } from '../src/store/sqlite/migrate';
import { createPostgresStore } from '../src/store/postgres';
import { migratePostgres } from '../src/store/postgres/migrate';
import { createPool } from '../src/store/postgres/pool';
import { PEOPLE, SIGNING_SECRET, startHarness } from '../test/support/harness';
import { SlackUser } from '../test/support/slack-user';
import { type BenchPostgres, startBenchPostgres } from './postgres-server';
import type { BenchResult } from './benches';
import { declareOnce } from './declare.bench';
import { DUE, meanTick, OPEN, REARM, REARM_ARGS, TICKS } from './tick-fixture';
import { elapsedMs, ms, percentile, perSecond } from './stats';

const DECLARATIONS = 100;
const AT_ONCE = 10;
const WARM_UP = 10;

/** A store, and how to make its first DUE reminders due again (plain SQL: the bench's own business). */
interface TickStore {
  store: Store;
  rearm(): Promise<void>;
  /** Median ms of one durable single-row commit on this store: the unit a tick's work is made of. */
  commitMs(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Due reminders are claimed CLAIM_TOGETHER at a time and completed together
 * (src/timers/group-commit.ts): each claim needs two durable commits, its leases, then its completions.
 */
const COMMITS_PER_REMINDER = 2 / CLAIM_TOGETHER;
/** Issue 25: what one instance pays for moving to PostgreSQL, at most. */
const POSTGRES_TICK_RATIO = 4;
const COMMIT_SAMPLES = 50;

async function medianCommit(commit: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < COMMIT_SAMPLES; i++) {
    const started = process.hrtime.bigint();
    await commit();
    times.push(elapsedMs(started));
  }
  return percentile(times, 50);
}

/** A one-row write committed on its own, as each lease and each completion is. */
const TOUCH = 'UPDATE reminders SET failures = failures WHERE incident_id = ?';

function sqliteTickStore(dir: string): TickStore {
  const db = openDatabase(path.join(dir, 'stores-tick.db'));
  migrate(db);
  return {
    store: createStore(db),
    rearm: async () => void db.prepare(REARM).run(...REARM_ARGS),
    commitMs: () => medianCommit(async () => void db.prepare(TOUCH).run(1)),
    close: async () => void db.close(),
  };
}

async function postgresTickStore(server: BenchPostgres): Promise<TickStore> {
  const pool = createPool(await server.database());
  await migratePostgres(pool);
  return {
    store: createPostgresStore(pool),
    rearm: async () => void (await pool.query(REARM.replace('?', '$1').replace('?', '$2'), [...REARM_ARGS])),
    commitMs: () => medianCommit(async () => void (await pool.query(TOUCH.replace('?', '$1'), [1]))),
    close: () => pool.end(),
  };
}

/** The whole declare flow through the real app and the fake Slack, AT_ONCE people declaring at the same time. */
async function declareThroughput(store: { dbPath: string } | { databaseUrl: string }) {
  const h = await startHarness(store);
  try {
    const user = new SlackUser({
      url: () => h.eventsUrl,
      secret: SIGNING_SECRET,
      fake: h.fake,
      userId: PEOPLE.alice,
      afterEach: async () => undefined,
    });
    let next = 0;
    const run = async (count: number, latencies: number[]) => {
      const limit = next + count;
      const loop = async () => {
        while (next < limit) latencies.push(await declareOnce(h.fake, user, `bench-${next++}-x`));
      };
      await Promise.all(Array.from({ length: AT_ONCE }, loop));
      await h.commander.idle();
    };
    await run(WARM_UP, []);
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    await run(DECLARATIONS, latencies);
    const wall = elapsedMs(started);
    const channels = h.fake.okCalls('conversations.create').length;
    if (channels !== next) throw new Error(`expected ${next} incident channels, the fake has ${channels}`);
    return { perSecond: perSecond(DECLARATIONS, wall), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await h.stop();
  }
}

/**
 * The scheduler tick and the declare flow on SQLite and on PostgreSQL (an embedded server the bench
 * starts), side by side: what moving to PostgreSQL for replicas costs one instance.
 */
export async function storesBenchmark(dir: string): Promise<BenchResult[]> {
  const measureTick = async (tickStore: TickStore) => {
    try {
      return { tick: await meanTick(tickStore.store, tickStore.rearm), commit: await tickStore.commitMs() };
    } finally {
      await tickStore.close();
    }
  };
  // SQLite first, before the PostgreSQL server starts: its background work would fall on SQLite's ticks.
  const sqlite = await measureTick(sqliteTickStore(dir));
  const server = await startBenchPostgres();
  try {
    const postgres = await measureTick(await postgresTickStore(server));
    const postgresFloor = DUE * COMMITS_PER_REMINDER * postgres.commit;
    const sqliteDeclare = await declareThroughput({ dbPath: path.join(dir, 'stores-declare.db') });
    const postgresDeclare = await declareThroughput({ databaseUrl: await server.database() });
    const declared = (d: typeof sqliteDeclare) =>
      `${d.perSecond.toFixed(0)} declarations/s, p50 ${ms(d.p50)}, p99 ${ms(d.p99)}`;
    return [
      {
        name: `scheduler tick by store: ${OPEN.toLocaleString('en')} open incidents, ${DUE} due (mean of ${TICKS}); PostgreSQL embedded, default durability`,
        value: `SQLite ${ms(sqlite.tick)} · PostgreSQL ${ms(postgres.tick)} (×${(postgres.tick / sqlite.tick).toFixed(1)}; one durable commit ${ms(postgres.commit)}, so ${(postgres.tick / (DUE * postgres.commit)).toFixed(1)} commits' time per due reminder)`,
        floor: `SQLite's tick, measured alike in this run; and for PostgreSQL's, ${DUE} due × ${COMMITS_PER_REMINDER} durable commits (each ${CLAIM_TOGETHER} reminders' leases, then their completions together, so that a replica that dies loses nothing) × one single-row commit on the same server = ${ms(postgresFloor)}; the rest is a few statements per ${CLAIM_TOGETHER} (src/timers/coalesced-calls.ts), one round trip each`,
        goal: `SQLite < 20 ms; PostgreSQL ≤ ${POSTGRES_TICK_RATIO}× SQLite's`,
        ok: sqlite.tick < 20 && postgres.tick <= POSTGRES_TICK_RATIO * sqlite.tick,
      },
      {
        name: `declare flow by store (submit → announcement on the fake Slack), ${DECLARATIONS} declarations, ${AT_ONCE} at a time`,
        value: `SQLite ${declared(sqliteDeclare)} · PostgreSQL ${declared(postgresDeclare)}`,
        floor: 'the same flow on SQLite, measured alike in this run',
        goal: 'p99 < 3000 ms on both (proposed)',
        ok: sqliteDeclare.p99 < 3000 && postgresDeclare.p99 < 3000,
      },
    ];
  } finally {
    await server.stop();
  }
}
