import path from 'node:path';
import { SESSION_COOKIE } from '../src/web/auth/cookies';
import { createSessions } from '../src/web/auth/sessions';
import { type Harness, PEOPLE, startHarness } from '../test/support/harness';
import type { BenchResult } from './benches';
import { CONSOLE_INCIDENTS, CONSOLE_SERVICES, ENTRIES_EACH, seedConsoleHistory } from './console-fixture';
import { startBenchPostgres } from './postgres-server';
import { elapsedMs, ms, percentile } from './stats';

const DAY = 86_400_000;
const SAMPLES = 60;
const WARM_UP = 5;
const GOAL_P95_MS = 200;
const ADMIN = PEOPLE.alice;
/** A person who is neither an admin nor involved in any incident: their private channels are asked of Slack. */
const READER = PEOPLE.bob;

interface PageFigures {
  page: string;
  p50: number;
  p95: number;
}

interface EngineFigures {
  seedMs: number;
  admin: PageFigures[];
  reader: PageFigures[];
  /** The ordinary reader's first list, their private channels asked of Slack (users.conversations). */
  coldListMs: number;
}

/** One GET with the session's cookie; throws unless it is a whole 200 page. */
async function timedGet(url: string, cookie: string, expect: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` }, redirect: 'manual' });
  const body = await response.text();
  const took = elapsedMs(started);
  if (response.status !== 200 || !body.includes(expect))
    throw new Error(`${url} answered ${response.status} without ${JSON.stringify(expect)}`);
  return took;
}

async function measure(url: string, cookie: string, expect: string): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARM_UP; i++) await timedGet(url, cookie, expect);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await timedGet(url, cookie, expect));
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function benchEngine(store: { dbPath: string } | { databaseUrl: string }): Promise<EngineFigures> {
  const h: Harness = await startHarness({
    ...store,
    web: true,
    policy: { admins: [ADMIN], services: CONSOLE_SERVICES },
  });
  try {
    const now = h.clock.now();
    const seeding = process.hrtime.bigint();
    await seedConsoleHistory(h.store, now);
    const seedMs = elapsedMs(seeding);
    // Each private incident's channel, as Slack has it: the bot and the incident's commander in it.
    for (const incident of await h.store.console.privateIncidents())
      h.fake.addChannel({
        id: incident.channelId as string,
        name: incident.channelName as string,
        is_private: true,
        members: ['UBOTCOMMANDER', incident.commanderId],
      });
    const sessions = createSessions({ store: h.store, clock: h.clock, sessionFor: DAY });
    const [adminCookie, readerCookie] = [await sessions.open(ADMIN), await sessions.open(READER)];
    const open = (await h.store.console.listPage({ status: 'open' }, { all: true }, { offset: 0, limit: 1 }))
      .incidents[0];
    if (!open) throw new Error('the seeded history has no open incident');
    const pages: Array<[string, string, string]> = [
      ['filtered list', '/?status=resolved&severity=SEV2&q=database+failover', 'incidents, page 1 of'],
      ['incident page', `/incidents/${open.id}`, `${ENTRIES_EACH} entries`],
      [
        'insights (90 days, by week)',
        `/insights?period=week&from=${day(now - 89 * DAY)}&to=${day(now)}`,
        'Incidents declared',
      ],
    ];
    const coldStarted = process.hrtime.bigint();
    await timedGet(`${h.webUrl}${pages[0]![1]}`, readerCookie, pages[0]![2]);
    const coldListMs = elapsedMs(coldStarted);
    const figures = async (cookie: string) => {
      const out: PageFigures[] = [];
      for (const [page, p, expect] of pages) out.push({ page, ...(await measure(`${h.webUrl}${p}`, cookie, expect)) });
      return out;
    };
    return { seedMs, admin: await figures(adminCookie), reader: await figures(readerCookie), coldListMs };
  } finally {
    await h.stop();
  }
}

const shown = (figures: PageFigures[]) =>
  figures.map((f) => `${f.page} p50 ${ms(f.p50)} / p95 ${ms(f.p95)}`).join(', ');
const met = (figures: PageFigures[]) => figures.every((f) => f.p95 <= GOAL_P95_MS);

/**
 * The web console's pages through its real HTTP server with a signed-in session, over a history of
 * 10,000 incidents and 200,000 timeline entries: the filtered list (status, severity and words), an
 * incident page and 90 days of insights, one request at a time, on SQLite and on PostgreSQL.
 */
export async function consoleBenchmark(dir: string): Promise<BenchResult[]> {
  // SQLite first, before the PostgreSQL server starts: its background work would fall on SQLite's.
  const sqlite = await benchEngine({ dbPath: path.join(dir, 'console.db') });
  const server = await startBenchPostgres();
  let postgres: EngineFigures;
  try {
    postgres = await benchEngine({ databaseUrl: await server.database() });
  } finally {
    await server.stop();
  }
  const history = `${CONSOLE_INCIDENTS.toLocaleString('en')} incidents, ${(CONSOLE_INCIDENTS * ENTRIES_EACH).toLocaleString('en')} timeline entries (seeded in ${(sqlite.seedMs / 1000).toFixed(1)} s on SQLite, ${(postgres.seedMs / 1000).toFixed(1)} s on PostgreSQL)`;
  const goal = `p95 ≤ ${GOAL_P95_MS} ms on both`;
  return [
    {
      name: `web console pages as an admin, ${history}; ${SAMPLES} requests each, one at a time, through the HTTP server`,
      value: `SQLite: ${shown(sqlite.admin)} · PostgreSQL: ${shown(postgres.admin)}`,
      goal,
      ok: met(sqlite.admin) && met(postgres.admin),
    },
    {
      name: `web console pages as a reader in no private incident (a tenth of the history is private; the reader's private channels asked of Slack in one users.conversations call, kept a minute), same history`,
      value: `SQLite: ${shown(sqlite.reader)} · PostgreSQL: ${shown(postgres.reader)}; the first list, the reader's private channels asked of Slack: SQLite ${ms(sqlite.coldListMs)}, PostgreSQL ${ms(postgres.coldListMs)}`,
      goal,
      ok: met(sqlite.reader) && met(postgres.reader),
    },
  ];
}
