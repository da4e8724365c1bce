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

/** Spawns `node dist/main.js` and polls /healthz; the time is from spawn until it answers 200. */
async function startOnce(env: NodeJS.ProcessEnv, cwd: string): Promise<{ ms: number; rssMb: number | null }> {
  const port = await freePort();
  const output: string[] = [];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [MAIN], {
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
    await startOnce(env, cwd);
    const runs: Array<{ ms: number; rssMb: number | null }> = [];
    for (let i = 0; i < STARTS; i++) runs.push(await startOnce(env, cwd));
    if (fake.okCalls('auth.test').length !== STARTS + 1)
      throw new Error('the app did not check its token with auth.test at each start');
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const rss = runs
      .map((r) => r.rssMb)
      .filter((r): r is number => r !== null)
      .sort((a, b) => a - b);
    const rows: BenchResult[] = [
      {
        name: `start-up: spawn \`node dist/main.js\` → GET /healthz 200 (median of ${STARTS})`,
        value: `${ms(median)} (max ${ms(times.at(-1)!)})`,
        goal: '< 2000 ms (proposed)',
        ok: median < 2000,
      },
    ];
    if (rss.length > 0) {
      const medianRss = rss[Math.floor(rss.length / 2)]!;
      rows.push({
        name: `idle memory: VmRSS from /proc ${SETTLE_MS / 1000} s after start-up (median of ${STARTS})`,
        value: `${medianRss.toFixed(0)} MB`,
        goal: '< 150 MB (proposed)',
        ok: medianRss < 150,
      });
    }
    return rows;
  } finally {
    await fake.stop();
  }
}
