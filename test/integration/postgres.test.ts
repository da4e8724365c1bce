import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { freshPostgresDatabase } from '../support/postgres';
import { declareIncident } from './flows';

const health = async (h: Harness) => {
  const response = await fetch(h.healthUrl);
  return { status: response.status, body: (await response.json()) as { status: string } };
};

/** The app itself on PostgreSQL (DATABASE_URL), driven through Slack's real transport like every flow test. */
describe('Commander on PostgreSQL', () => {
  let h: Harness | undefined;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  beforeEach(async () => {
    database = await freshPostgresDatabase();
  });
  afterEach(async () => {
    await h?.stop();
    await database.close();
  });

  it('migrates at start, keeps incidents there with numbers from the database, and they survive a restart', async () => {
    h = await startHarness({ databaseUrl: database.url });
    const first = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.bob });
    expect(first.incidentId).toBe(1);
    const { rows } = await database.pool.query('SELECT id, title, channel_id FROM incidents');
    expect(rows).toEqual([{ id: 1, title: 'Checkout down', channel_id: first.channelId }]);
    await h.restart();
    const second = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Search slow', commander: PEOPLE.bob });
    expect(second.incidentId).toBe(2);
    expect((await h.commander.incidents.findByChannel(first.channelId))?.title).toBe('Checkout down');
  });

  it('npm run export reads the postmortem from PostgreSQL', async () => {
    h = await startHarness({ databaseUrl: database.url });
    const { incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout down',
      commander: PEOPLE.bob,
    });
    const root = path.resolve(__dirname, '..', '..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        path.join(root, 'scripts', 'register-ts.js'),
        path.join(root, 'src', 'cli', 'export.ts'),
        String(incidentId),
      ],
      {
        env: { ...process.env, DATABASE_URL: database.url, DATABASE_PATH: '/nonexistent/commander.db' },
        cwd: os.tmpdir(),
      },
    );
    expect(stdout).toContain('Checkout down');
  });

  it('/healthz checks the PostgreSQL connection: 503 while the database refuses connections, 200 again after', async () => {
    h = await startHarness({ databaseUrl: database.url });
    expect((await health(h)).status).toBe(200);
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      expect(await health(h)).toEqual({
        status: 503,
        body: expect.objectContaining({ status: 'database unavailable' }),
      });
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
    } finally {
      await admin.end();
    }
    expect((await health(h)).status).toBe(200);
  });
});
