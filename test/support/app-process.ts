import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeSlack } from './fake-slack';
import { BOT_TOKEN, SIGNING_SECRET } from './harness';

const root = path.resolve(__dirname, '..', '..');

/** The TypeScript entry point run as node would run the built one (no build step in tests). */
export const TS_MAIN = ['-r', path.join(root, 'scripts', 'register-ts.js'), path.join(root, 'src', 'main.ts')];

export interface AppProcessOptions {
  fake: FakeSlack;
  /** Over the defaults (HTTP mode, the fake's token and URL, port 0, a fresh database); undefined unsets. */
  env?: Record<string, string | undefined>;
  /** node's arguments (default: src/main.ts through the TypeScript hook). */
  args?: string[];
  cwd?: string;
  /** Wraps the node command line, e.g. to run it in its own mount namespace. */
  wrap?: (argv: string[]) => string[];
}

export interface RunningApp {
  child: ChildProcess;
  origin: string;
  eventsUrl: string;
  /** stdout's JSON log lines so far (they keep coming). */
  lines: string[];
  stop(): Promise<void>;
}

export interface StoppedApp {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnWith(o: AppProcessOptions): ChildProcess {
  const cwd = o.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'commander-process-'));
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: o.fake.url,
    PORT: '0',
    DATABASE_PATH: path.join(cwd, 'data', 'commander.db'),
    LOG_LEVEL: 'info',
    ...o.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const [command, ...args] = (o.wrap ?? ((argv: string[]) => argv))([process.execPath, ...(o.args ?? TS_MAIN)]);
  return spawn(command!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts the app as its own process; resolves once it logs that it serves, rejects if it exits first. */
export async function startAppProcess(o: AppProcessOptions, timeoutMs = 60_000): Promise<RunningApp> {
  const child = spawnWith(o);
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not serving after ${timeoutMs} ms: ${lines.join('\n')}${stderr}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const parsed = JSON.parse(line) as { msg?: string; port?: number };
        if (parsed.msg === 'Commander is running') {
          clearTimeout(timer);
          resolve(parsed.port as number);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before serving: ${lines.join('\n')}${stderr}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    child,
    origin,
    eventsUrl: `${origin}/slack/events`,
    lines,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the app expecting it to refuse to start; resolves with how it exited. */
export async function appProcessExit(o: AppProcessOptions): Promise<StoppedApp> {
  const child = spawnWith(o);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    // It started after all: stop it, and the test sees a null exit code rather than hanging.
    if (stdout.includes('"msg":"Commander is running"')) child.kill('SIGKILL');
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}
