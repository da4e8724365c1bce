import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { FakeSlack } from '../test/support/fake-slack';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/support/harness';
import type { BenchResult } from './run';
import { elapsedMs, ms } from './stats';

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'main.js');
const BARE_MAIN = path.join(__dirname, 'bare-bolt-main.js');
const GOAL_START = 1.5;
const GOAL_RSS = 1.2;
const STARTS = 5;
const GIVE_UP_MS = 10_000;
/** How long the started app is left alone before its memory is read. */
const SETTLE_MS = 1_000;

/** A port that was free a moment ago (the app takes a fixed PORT, and 0 would hide which it got). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const healthy = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident set size from /proc (Linux), in MB; null elsewhere. */
function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Spawns `node <main>` and polls /healthz; the time is from spawn until it answers 200. */
async function startOnce(
  main: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ ms: number; rssMb: number | null }> {
  const port = await freePort();
  const output: string[] = [];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [main], {
    cwd,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  try {
    while (!(await healthy(port))) {
      if (child.exitCode !== null)
        throw new Error(`Commander exited (${child.exitCode}) before it was healthy: ${output.join('')}`);
      if (elapsedMs(started) > GIVE_UP_MS)
        throw new Error(`Commander was not healthy within ${GIVE_UP_MS} ms: ${output.join('')}`);
      await sleep(5);
    }
    const took = elapsedMs(started);
    await sleep(SETTLE_MS);
    return { ms: took, rssMb: rssMb(child.pid!) };
  } finally {
    await stopped(child);
  }
}

type Run = { ms: number; rssMb: number | null };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function medianOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? median(known) : null;
}

function newerThan(dir: string, mtimeMs: number): boolean {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .some((e) => e.isFile() && fs.statSync(path.join(e.parentPath, e.name)).mtimeMs > mtimeMs);
}

/**
 * Start-up time and idle memory of the built app as operators run it (`node dist/main.js`, HTTP
 * mode), against a fake Slack that answers the auth.test made at start-up. The first start
 * migrates a new database and is not counted; the others start on it as a restart would.
 */
export async function startupBenchmark(dir: string): Promise<BenchResult[]> {
  if (!fs.existsSync(MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  if (newerThan(path.join(ROOT, 'src'), fs.statSync(MAIN).mtimeMs))
    console.warn('  (src/ has changed since dist/ was built; `npm run build` to measure the current code)');
  const fake = await FakeSlack.start({ token: BOT_TOKEN });
  // A directory of its own, so a developer's .env is not read.
  const cwd = fs.mkdtempSync(path.join(dir, 'startup-'));
  const env = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    DATABASE_PATH: path.join(cwd, 'commander.db'),
    LOG_LEVEL: 'info',
  };
  try {
    await startOnce(MAIN, env, cwd);
    await startOnce(BARE_MAIN, env, cwd);
    const runs = { app: [] as Run[], bare: [] as Run[] };
    // Interleaved, so that a change in the machine's load hits both alike.
    for (let i = 0; i < STARTS; i++) {
      runs.app.push(await startOnce(MAIN, env, cwd));
      runs.bare.push(await startOnce(BARE_MAIN, env, cwd));
    }
    if (fake.okCalls('auth.test').length !== 2 * (STARTS + 1))
      throw new Error('the apps did not check their token with auth.test at each start');
    const app = { ms: median(runs.app.map((r) => r.ms)), rss: medianOrNull(runs.app.map((r) => r.rssMb)) };
    const bare = { ms: median(runs.bare.map((r) => r.ms)), rss: medianOrNull(runs.bare.map((r) => r.rssMb)) };
    const rows: BenchResult[] = [
      {
        name: `start-up: spawn → GET /healthz 200, \`node dist/main.js\` vs a bare Bolt app started alike (the floor: Node and Bolt alone), median of ${STARTS} interleaved`,
        value: `${ms(app.ms)} vs ${ms(bare.ms)}: ×${(app.ms / bare.ms).toFixed(2)}`,
        goal: `≤ ${GOAL_START}× bare Bolt's`,
        ok: app.ms / bare.ms <= GOAL_START,
      },
    ];
    if (app.rss !== null && bare.rss !== null) {
      rows.push({
        name: `idle memory: VmRSS from /proc ${SETTLE_MS / 1000} s after start-up, app vs bare Bolt (median of ${STARTS})`,
        value: `${app.rss.toFixed(0)} MB vs ${bare.rss.toFixed(0)} MB: ×${(app.rss / bare.rss).toFixed(2)}`,
        goal: `≤ ${GOAL_RSS}× bare Bolt's`,
        ok: app.rss / bare.rss <= GOAL_RSS,
      });
    }
    return rows;
  } finally {
    await fake.stop();
  }
}
