import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/store/sqlite/db';
import { migrate } from '../../src/store/sqlite/migrate';
import { appProcessExit } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { BOT_TOKEN, type Harness, PEOPLE, startHarness } from '../support/harness';
import { canMountReadOnly, readOnlyAt } from '../support/read-only-mount';
import { declareIncident } from './flows';

const health = async (h: Harness) => {
  const response = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
};

// SQLite's own failures (a read-only file, a full disk, a file from a newer version), played with its
// pragmas and files; PostgreSQL's are in postgres-faults.test.ts.
describe('when the database stops taking writes while the app runs', () => {
  let h: Harness;
  afterEach(async () => h.stop());

  // query_only makes SQLite refuse every write on the app's connection with SQLITE_READONLY, as a
  // read-only file does; it works as root too, which file modes do not.
  it('read-only: /healthz answers 503 naming the cause, and 200 again once it is writable', async () => {
    h = await startHarness();
    expect((await health(h)).status).toBe(200);
    h.commander.db.pragma('query_only = 1');
    expect(await health(h)).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 'database not writable', reason: expect.stringContaining('read-only') }),
    });
    h.commander.db.pragma('query_only = 0');
    expect((await health(h)).status).toBe(200);
  });

  it("read-only: a person's first request is still answered, and their name is remembered once it is writable", async () => {
    h = await startHarness();
    h.commander.db.pragma('query_only = 1');
    const help = await h.user(PEOPLE.carol).command('help');
    expect(help.status).toBe(200);
    expect(help.json.text).toContain('Commands:');

    h.commander.db.pragma('query_only = 0');
    await h.user(PEOPLE.carol).command('help');
    expect(await h.store.people.nameOf(PEOPLE.carol)).toBe('carol');
  });

  // max_page_count caps the file at its current size: SQLite answers SQLITE_FULL as on a full disk.
  it('full: /healthz answers 503, and a person is told it is the database, not Slack', async () => {
    h = await startHarness();
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Disk filling', commander: PEOPLE.bob });
    const pages = h.commander.db.pragma('page_count', { simple: true }) as number;
    h.commander.db.pragma(`max_page_count = ${pages}`);

    expect(await health(h)).toEqual({
      status: 503,
      body: expect.objectContaining({
        status: 'database not writable',
        reason: expect.stringContaining('disk is full'),
      }),
    });
    const reply = await h.user(PEOPLE.bob).command(`note ${'Checked the disks. '.repeat(250)}`, incident.channelId);
    const told = JSON.stringify([reply.json, ...h.fake.responses(), ...h.fake.ephemerals()]);
    expect(told).toContain("its database's disk is full");
    expect(told).not.toContain('Slack answered');
  });
});

describe('the app as a process, refusing a database at start-up', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
  });
  afterAll(async () => fake.stop());

  const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'commander-db-'));
  const snapshot = (dir: string) =>
    fs
      .readdirSync(dir)
      .sort()
      .map(
        (name) =>
          `${name}:${crypto
            .createHash('sha256')
            .update(fs.readFileSync(path.join(dir, name)))
            .digest('hex')}`,
      );

  it('written by a newer Commander: one line naming the unknown migration, and the file is not touched', async () => {
    const dir = folder();
    const dbPath = path.join(dir, 'commander.db');
    const db = openDatabase(dbPath);
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
      '9999_from_the_future',
      Date.now(),
    );
    db.close();
    const before = snapshot(dir);

    const exit = await appProcessExit({ fake, env: { DATABASE_PATH: dbPath } });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe(
      `Commander cannot start: The database ${dbPath} was written by a newer Commander: it has migration 9999_from_the_future, which this version does not know. ` +
        'Run the newer version, or restore a backup taken before the upgrade. The database was not changed.\n',
    );
    expect(snapshot(dir)).toEqual(before);
    expect(fake.calls('auth.test')).toHaveLength(0);
  });

  const readOnly = canMountReadOnly() ? it : it.skip;

  readOnly(
    'on a read-only file system: one line saying it cannot be written, instead of a healthy-looking app',
    async () => {
      const dir = folder();
      const dbPath = path.join(dir, 'commander.db');
      const db = openDatabase(dbPath);
      migrate(db);
      db.close();

      const exit = await appProcessExit({ fake, env: { DATABASE_PATH: dbPath }, wrap: readOnlyAt(dir, 'as-is') });
      expect(exit.code).toBe(1);
      expect(exit.stderr).toMatch(
        new RegExp(
          `^Commander cannot start: The database ${dbPath} cannot be (written|opened): [^\\n]*read-only[^\\n]*\\n$`,
        ),
      );
    },
  );

  readOnly('whose folder cannot be created on a read-only file system: one line naming EROFS, not ENOENT', async () => {
    const dir = folder();
    const exit = await appProcessExit({
      fake,
      env: { DATABASE_PATH: path.join(dir, 'data', 'commander.db') },
      wrap: readOnlyAt(dir, 'empty'),
    });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe(
      `Commander cannot start: The database folder ${path.join(dir, 'data')} cannot be created: read-only file system (EROFS).\n`,
    );
  });
});
