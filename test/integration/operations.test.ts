import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { BOT_TOKEN, type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { storedEntries } from '../support/stored';
import { declareIncident, openedView } from './flows';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '..', '..', 'src', 'cli', 'backup.ts');
const hook = path.resolve(__dirname, '..', '..', 'scripts', 'register-ts.js');

let h: Harness;
afterEach(async () => h.stop());

// A backup copies SQLite's file (PostgreSQL has its own tools), so this reads the copy as a file.
describe('npm run backup', () => {
  it('writes a consistent copy of the live database while the app runs', async () => {
    h = await startHarness();
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Backed up', commander: PEOPLE.bob });
    await h.user(PEOPLE.bob).command('note Before the backup', incident.channelId);
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-backup-')), 'nested', 'copy.db');

    const { stderr } = await run(process.execPath, ['-r', hook, cli, target], {
      env: { ...process.env, DATABASE_PATH: h.dbPath },
    });
    expect(stderr).toContain(`to ${target}`);

    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT title FROM incidents').pluck().all()).toEqual(['Backed up']);
    expect(copy.prepare("SELECT text FROM timeline WHERE kind = 'note'").pluck().all()).toEqual(['Before the backup']);
    copy.close();

    // The app goes on writing to the original, untouched by the copy.
    await h.user(PEOPLE.bob).command('note After the backup', incident.channelId);
    expect(await storedEntries(h.store, { kind: 'note' })).toHaveLength(2);
  });

  it('says how to use it, and refuses a missing database, in one line', async () => {
    h = await startHarness();
    await expect(
      run(process.execPath, ['-r', hook, cli], { env: { ...process.env, DATABASE_PATH: h.dbPath } }),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/^backup: Usage: npm run backup -- FILE/),
    });
    await expect(
      run(process.execPath, ['-r', hook, cli, path.join(os.tmpdir(), 'x.db')], {
        env: { ...process.env, DATABASE_PATH: '/nonexistent/commander.db' },
      }),
    ).rejects.toMatchObject({
      stderr: "backup: No database at /nonexistent/commander.db. Set DATABASE_PATH to Commander's database.\n",
    });
  });
});

describe('logs', () => {
  it('never contain the bot token or the signing secret, even at debug level through a whole incident', async () => {
    const lines: string[] = [];
    h = await startHarness({ logLines: lines });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Logged', commander: PEOPLE.bob });
    await h.user(PEOPLE.bob).command('update', incident.channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Found' });
    h.fake.fail('chat.postMessage', { error: 'invalid_auth' });
    await h.user(PEOPLE.bob).command('note something', incident.channelId);

    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
