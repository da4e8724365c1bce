import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { InterleavedJob, InterleavedResult, LoadJob, LoadResult } from './load-client';

export interface LoadProcess {
  run(job: LoadJob): Promise<LoadResult>;
  interleave(job: InterleavedJob): Promise<InterleavedResult>;
  stop(): void;
}

/** Starts bench/load-client.ts in its own Node process (TypeScript through scripts/register-ts.js). */
export function startLoadProcess(): LoadProcess {
  const child: ChildProcess = fork(path.join(__dirname, 'load-client.ts'), [], {
    // Not the parent's flags: a --cpu-prof given to the bench is meant for the server side.
    execArgv: ['--expose-gc', '-r', path.resolve(__dirname, '..', 'scripts', 'register-ts.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(job: LoadJob | InterleavedJob): Promise<T> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load client exited (${code}) during a run`));
      child.once('exit', onExit);
      child.once('message', (reply: { ok: true; result: T } | { ok: false; error: string }) => {
        child.off('exit', onExit);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(`load client: ${reply.error}`));
      });
      child.send(job);
    });
  return {
    run: (job) => ask<LoadResult>(job),
    interleave: (job) => ask<InterleavedResult>(job),
    stop: () => void child.kill(),
  };
}
