import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { elapsedMs } from './stats';

const ROOT = path.resolve(__dirname, '..');
/** Commander as operators run it. */
export const APP_MAIN = path.join(ROOT, 'dist', 'main.js');
/** The floor: a bare Bolt app with one listener that only acks (plain JavaScript, no compiler). */
export const BARE_MAIN = path.join(__dirname, 'bare-bolt-main.js');
const GIVE_UP_MS = 10_000;

/** A port that was free a moment ago (the app takes a fixed PORT, and 0 would hide which it got). */
export function freePort(): Promise<number> {
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident set size from /proc (Linux), in MB; null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  eventsUrl: string;
  /** From spawn until /healthz first answered 200. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `node <main>` (the app or bare Bolt, alike: same Node, flags and environment) on a free
 * port and polls /healthz until it answers 200.
 */
export async function startServer(main: string, env: NodeJS.ProcessEnv, cwd: string): Promise<ServerProcess> {
  const port = await freePort();
  const output: string[] = [];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [main], {
    cwd,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const name = path.basename(main);
  try {
    while (!(await healthy(port))) {
      if (child.exitCode !== null)
        throw new Error(`${name} exited (${child.exitCode}) before it was healthy: ${output.join('')}`);
      if (elapsedMs(started) > GIVE_UP_MS)
        throw new Error(`${name} was not healthy within ${GIVE_UP_MS} ms: ${output.join('')}`);
      await sleep(5);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, port, eventsUrl: `http://127.0.0.1:${port}/slack/events`, startMs: elapsedMs(started), stop };
}

/** The newest modification time of any file under `dir`, to tell whether dist/ is older than src/. */
export function newerThan(dir: string, mtimeMs: number): boolean {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .some((e) => e.isFile() && fs.statSync(path.join(e.parentPath, e.name)).mtimeMs > mtimeMs);
}

/** Refuses to measure a missing build, and says when the build is older than the source. */
export function checkBuilt(): void {
  if (!fs.existsSync(APP_MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  if (newerThan(path.join(ROOT, 'src'), fs.statSync(APP_MAIN).mtimeMs))
    console.warn('  (src/ has changed since dist/ was built; `npm run build` to measure the current code)');
}

/** What both processes are started with: the fake Slack for auth.test, a database of their own. */
export function serverEnv(o: { token: string; signingSecret: string; slackApiUrl: string; cwd: string }) {
  return {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: o.token,
    SLACK_SIGNING_SECRET: o.signingSecret,
    SLACK_API_URL: o.slackApiUrl,
    DATABASE_PATH: path.join(o.cwd, 'commander.db'),
    LOG_LEVEL: 'info',
  };
}
