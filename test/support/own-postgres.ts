import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface OwnPostgres {
  url: string;
  /** SIGSTOP (or SIGCONT) to the server and every process it runs: the whole server paused, as a hung host would be. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void;
  stop(): Promise<void>;
}

/** The server's processes: the postmaster (first line of postmaster.pid) and its children. */
function serverPids(dataDir: string): number[] {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when there are none.
  }
  return [postmaster, ...children];
}

/** Starts a PostgreSQL server that only this test uses (test/support/own-postgres-process.ts). */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', path.join(root, 'scripts', 'register-ts.js'), path.join(__dirname, 'own-postgres-process.ts')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const started = await new Promise<{ url: string; dataDir: string }>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`own PostgreSQL exited (${code}): ${err}`)));
  });
  let paused = false;
  const signal = (which: 'SIGSTOP' | 'SIGCONT') => {
    for (const pid of serverPids(started.dataDir)) process.kill(pid, which);
    paused = which === 'SIGSTOP';
  };
  return {
    url: started.url,
    signal,
    async stop() {
      if (paused) signal('SIGCONT');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
