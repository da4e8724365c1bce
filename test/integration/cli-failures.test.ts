import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/store/sqlite/db';
import { migrate, readMigrations } from '../../src/store/sqlite/migrate';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const hook = path.join(root, 'scripts', 'register-ts.js');
const exportCli = path.join(root, 'src', 'cli', 'export.ts');
const backupCli = path.join(root, 'src', 'cli', 'backup.ts');

let h: Harness;
let env: NodeJS.ProcessEnv;
let incidentId: number;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'commander-cli-'));

beforeAll(async () => {
  h = await startHarness();
  const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Exported', commander: PEOPLE.bob });
  incidentId = incident.incidentId;
  // A timeline longer than a pipe holds, so a reader that stops early closes the pipe mid-export.
  // Written straight into SQLite's file, far quicker than 3,000 commands: these are the CLIs on that
  // file (backup is SQLite's alone); the export from PostgreSQL is in postgres.test.ts.
  const note = h.commander.db.prepare(
    "INSERT INTO timeline (incident_id, at, kind, actor_id, text, data) VALUES (?, ?, 'note', ?, ?, json_object('source', ?))",
  );
  h.commander.db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      const text = `Note ${i}: ${'checked the dashboards again '.repeat(3)}`;
      note.run(incidentId, Date.UTC(2026, 10, 24, 9, 0, i), PEOPLE.bob, text, text);
    }
  })();
  env = {
    ...process.env,
    DATABASE_PATH: h.dbPath,
    COMMANDER_CONFIG: '',
    SLACK_BOT_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
  };
});
afterAll(async () => h.stop());

const failure = (args: string[], cli = exportCli) =>
  run(process.execPath, ['-r', hook, cli, ...args], { env, cwd: os.tmpdir() }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );

describe('npm run export, when the output cannot be written', () => {
  it.each([
    ['a missing folder', () => '/nonexistent/x.md', 'no such file or directory (ENOENT)'],
    ['a directory', () => tmp(), 'it is a directory (EISDIR)'],
    ['a full device', () => '/dev/full', 'no space left on the device (ENOSPC)'],
  ])('to %s: one line saying why, no stack trace', async (_name, out, why) => {
    const file = out();
    expect(await failure([String(incidentId), '--out', file])).toEqual({
      code: 1,
      stderr: `export: Cannot write ${file}: ${why}.\n`,
    });
  });

  it('into a reader that stops early (| head -c 10): stops quietly', () => {
    const result = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" -r "${hook}" "${exportCli}" ${incidentId} | head -c 10`],
      { env, encoding: 'utf8' },
    );
    expect(result.stdout).toBe('# Postmort');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe("the tools on a database that is not this version's", () => {
  /** A database file brought up to date as far as `migrations` go. */
  function databaseWith(migrations: ReturnType<typeof readMigrations>): string {
    const file = path.join(tmp(), 'commander.db');
    const db = openDatabase(file);
    migrate(db, migrations);
    db.close();
    return file;
  }
  const tool = (file: string, args: string[], cli = exportCli) =>
    run(process.execPath, ['-r', hook, cli, ...args], { env: { ...env, DATABASE_PATH: file }, cwd: os.tmpdir() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it('an older one: says which migration it lacks and how to upgrade, instead of "no such column" midway', async () => {
    const all = readMigrations();
    const older = databaseWith(all.slice(0, -1));
    expect(await tool(older, ['1'])).toEqual({
      code: 1,
      stderr: `export: This database predates this version of Commander (it lacks migration ${all.at(-1)?.version}): start Commander once to upgrade it, then run this again.\n`,
    });
  });

  it('a newer one: left alone, with one line saying so', async () => {
    const newer = databaseWith([...readMigrations(), { version: '9999_from_the_future', sql: 'SELECT 1;' }]);
    expect(await tool(newer, ['1'])).toEqual({
      code: 1,
      stderr:
        "export: This database was written by a newer Commander (migration 9999_from_the_future): use that version's tools.\n",
    });
  });
});

describe('npm run backup', () => {
  it('refuses a symlink to the live database instead of reporting success', async () => {
    const link = path.join(tmp(), 'link.db');
    fs.symlinkSync(h.dbPath, link);
    expect(await failure([link], backupCli)).toEqual({
      code: 1,
      stderr: 'backup: The backup must go to another file than the database itself.\n',
    });
  });

  it('--help prints the usage and exits 0', async () => {
    const { stdout } = await run(process.execPath, ['-r', hook, backupCli, '--help'], { env, cwd: os.tmpdir() });
    expect(stdout).toMatch(/^Usage: npm run backup -- FILE/);
  });

  it('an unknown option is refused, not taken for a file name', async () => {
    const cwd = tmp();
    const result = await run(process.execPath, ['-r', hook, backupCli, '--format'], { env, cwd }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^backup: Unknown option '--format'\. Usage: npm run backup -- FILE/),
    });
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('with DATABASE_URL set, says to use pg_dump and writes nothing', async () => {
    const dir = tmp();
    const target = path.join(dir, 'copy.db');
    const result = await run(process.execPath, ['-r', hook, backupCli, target], {
      env: { ...env, DATABASE_URL: 'postgres://commander:hunter2@db.internal/commander' },
      cwd: os.tmpdir(),
    }).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`pg_dump --format=custom --file=${target}`),
    });
    expect(result).toMatchObject({ stderr: expect.not.stringContaining('hunter2') });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves one self-contained file: no -wal or -shm beside the copy', async () => {
    const dir = tmp();
    await run(process.execPath, ['-r', hook, backupCli, path.join(dir, 'copy.db')], { env, cwd: os.tmpdir() });
    expect(fs.readdirSync(dir)).toEqual(['copy.db']);
  });
});

describe('the command-line tools, when DATABASE_URL points at a PostgreSQL nothing answers for', () => {
  const webhooksCli = path.join(root, 'src', 'cli', 'webhooks.ts');
  it.each([
    ['export', exportCli, ['1']],
    ['webhooks', webhooksCli, ['failed']],
  ])('npm run %s says so in one line, without the password', async (name, cli, args) => {
    const result = await run(process.execPath, ['-r', hook, cli, ...args], {
      env: { ...env, DATABASE_URL: 'postgres://commander:hunter2@127.0.0.1:1/commander' },
      cwd: os.tmpdir(),
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${name}: Cannot use PostgreSQL at 127.0.0.1:1/commander: nothing accepts connections there (connection refused).\n`,
    });
  });
});
