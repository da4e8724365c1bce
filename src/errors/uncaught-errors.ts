import { type Logger, maskSecrets } from '../logger';

/** The part of `process` the policy needs (tests pass an emitter of their own). */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  exit(code: number): never;
}

/**
 * The last resort for an error nothing caught; the boundaries (each port, each Socket Mode frame,
 * each listener and job) are meant to catch first. A rejected promise nobody waited on ended one
 * piece of work (a request, a job run) and left the rest as it was: it is logged and the process
 * carries on, since exiting would turn one bad input into an outage, and an envelope Slack
 * redelivers into a crash loop; /healthz still says when the database or Slack is gone. An
 * exception thrown out of a callback may have left anything half-changed: as Node advises, it is
 * logged and the process exits, for the orchestrator to restart it.
 */
export function handleUncaughtErrors(proc: ProcessEvents, logger: Logger): void {
  proc.on('unhandledRejection', (reason) => {
    logger.error({ err: masked(reason) }, 'a promise failed and nothing handled it; carrying on');
  });
  proc.on('uncaughtException', (error) => {
    logger.fatal({ err: masked(error) }, 'an exception reached the top of the process; exiting');
    proc.exit(1);
  });
}

/** Error messages can quote a token or a URL's password; the copy keeps the error's class for the log. */
function masked(reason: unknown): unknown {
  if (!(reason instanceof Error)) return { message: maskSecrets(String(reason)) };
  const copy = Object.create(Object.getPrototypeOf(reason)) as Error;
  copy.message = maskSecrets(reason.message);
  if (reason.stack) copy.stack = maskSecrets(reason.stack);
  return copy;
}
