import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type RunningApp, startAppProcess } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { BOT_TOKEN } from '../support/harness';

/**
 * The Dockerfile's production steps, run without Docker (there is none in CI): a file the image
 * needs at run time but does not copy, or a runtime dependency installed only as a dev one, fails
 * here rather than in the first container someone starts.
 *
 * What is faithful and what is borrowed, to keep `npm test` quick:
 * - Each stage starts from an empty folder holding exactly what the Dockerfile COPYs into it.
 * - prod-deps runs the real `npm ci --omit=dev --ignore-scripts`, from npm's cache
 *   (`--prefer-offline`, ~4 s instead of ~60 s from the registry), so the runtime gets exactly
 *   the lockfile's production packages.
 * - Its `npm rebuild better-sqlite3` compiles SQLite (~70 s). The worktree's own install built that
 *   binary from the same locked version for the same Node on the same machine, which is what the
 *   rebuild would produce, so it is copied instead.
 * - The build stage's `npm ci --ignore-scripts` installs the same lockfile as the worktree, whose
 *   node_modules it borrows; `npm run build` then runs for real on the copied sources.
 */
const root = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

interface Stage {
  name: string;
  copies: Array<{ from?: string; sources: string[]; target: string }>;
  runs: string[];
}

/** The Dockerfile's stages with their COPY and RUN instructions (continuations joined). */
function stages(): Stage[] {
  const lines = fs
    .readFileSync(path.join(root, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const found: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) found.push({ name: from[1] ?? String(found.length), copies: [], runs: [] });
    const copy = /^COPY\s+(?:--from=(\S+)\s+)?(.+)$/i.exec(line);
    if (copy) {
      const parts = copy[2]!.split(/\s+/);
      found
        .at(-1)!
        .copies.push({ ...(copy[1] ? { from: copy[1] } : {}), sources: parts.slice(0, -1), target: parts.at(-1)! });
    }
    const runLine = /^RUN\s+(.+)$/i.exec(line);
    if (runLine) found.at(-1)!.runs.push(runLine[1]!.replace(/\s+/g, ' '));
  }
  return found;
}

/** COPY without --from: files from the build context into the stage's folder (WORKDIR /app). */
function copyFromContext(stage: Stage, dir: string): void {
  for (const copy of stage.copies.filter((c) => !c.from)) {
    for (const source of copy.sources) {
      const target =
        copy.sources.length > 1 || copy.target.endsWith('/')
          ? path.join(dir, copy.target, source)
          : path.join(dir, copy.target);
      fs.cpSync(path.join(root, source), target, { recursive: true });
    }
  }
}

describe("the Dockerfile's production steps, outside Docker", () => {
  let fake: FakeSlack;
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
  });

  it('build, production dependencies only, then node dist/main.js serves /healthz', async () => {
    const all = stages();
    const byName = (name: string) => all.find((s) => s.name === name)!;
    const [build, deps, runtime] = [byName('build'), byName('prod-deps'), all.at(-1)!];
    // The steps below stand in for these; a changed step must be reflected here.
    expect(build.runs).toEqual(['npm ci --ignore-scripts', 'npm run build']);
    expect(deps.runs).toEqual([
      'npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3 && npm cache clean --force',
    ]);
    expect(runtime.copies.filter((c) => c.from).map((c) => `${c.from}:${c.sources.join(' ')}`)).toEqual([
      'prod-deps:/app/node_modules',
      'build:/app/dist',
    ]);

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-image-'));
    const dirs = { build: path.join(work, 'build'), deps: path.join(work, 'prod-deps'), app: path.join(work, 'app') };
    for (const dir of Object.values(dirs)) fs.mkdirSync(dir);

    copyFromContext(build, dirs.build);
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dirs.build, 'node_modules'));
    await run('npm', ['run', 'build'], { cwd: dirs.build });

    copyFromContext(deps, dirs.deps);
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dirs.deps,
    });
    const binary = path.join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(path.join(dirs.deps, binary)), { recursive: true });
    fs.copyFileSync(path.join(root, binary), path.join(dirs.deps, binary));

    fs.renameSync(path.join(dirs.deps, 'node_modules'), path.join(dirs.app, 'node_modules'));
    fs.renameSync(path.join(dirs.build, 'dist'), path.join(dirs.app, 'dist'));
    copyFromContext(runtime, dirs.app);
    // Dev packages never reach the image: the runtime must not need them.
    expect(fs.existsSync(path.join(dirs.app, 'node_modules', 'typescript'))).toBe(false);
    expect(fs.readdirSync(dirs.app).sort()).toEqual(['dist', 'migrations', 'node_modules', 'package.json']);

    fake = await FakeSlack.start({ token: BOT_TOKEN });
    app = await startAppProcess({
      fake,
      cwd: dirs.app,
      args: ['dist/main.js'],
      env: { NODE_ENV: 'production', DATABASE_PATH: path.join(work, 'data', 'commander.db') },
    });
    const health = await fetch(`${app.origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  }, 120_000);
});
