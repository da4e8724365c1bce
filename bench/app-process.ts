import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { AppChildOptions, AppChildReply, AppChildRequest } from './app-child';

export interface AppProcess {
  eventsUrl: string;
  /** Resolves once the app has finished what the requests so far started. */
  idle(): Promise<void>;
  /** One scheduler tick at the app's clock, waited for. */
  tick(): Promise<void>;
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts bench/app-child.ts (the app, as the harness builds it) in its own Node process. */
export async function startAppProcess(options: AppChildOptions): Promise<AppProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'app-child.ts'), [JSON.stringify(options)], {
    execArgv: ['-r', path.resolve(__dirname, '..', 'scripts', 'register-ts.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // One request at a time: each answer is the reply to the request before it.
  let queue: Promise<unknown> = Promise.resolve();
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the app process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (reply: AppChildReply) => {
        child.off('exit', onExit);
        if (reply.ok) resolve(reply.value);
        else reject(new Error(`the app process: ${reply.error}`));
      });
    });
  const ask = (request: AppChildRequest): Promise<unknown> => {
    const asked = queue.then(() => {
      const answered = next();
      child.send(request);
      return answered;
    });
    queue = asked.catch(() => undefined);
    return asked;
  };
  const eventsUrl = (await next()) as string;
  return {
    eventsUrl,
    idle: async () => void (await ask({ op: 'idle' })),
    tick: async () => void (await ask({ op: 'tick' })),
    advance: async (ms) => void (await ask({ op: 'advance', ms })),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ op: 'stop' }).catch(() => undefined);
      await exited;
    },
  };
}
