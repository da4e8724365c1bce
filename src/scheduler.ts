import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger';

/**
 * The one periodic job: every `everyMs` it runs `tick` (reminders, channel archives, set-up retries). One task for the whole
 * app, not one timer per incident; state lives in the database, so a restart loses nothing.
 */
export function startScheduler(o: { everyMs: number; tick: () => Promise<unknown>; logger: Logger }): { stop(): Promise<void> } {
  const expression = cronExpression(o.everyMs);
  let running: Promise<unknown> = Promise.resolve();
  const task: ScheduledTask = cron.schedule(
    expression,
    () => {
      running = o.tick().catch((error: unknown) => o.logger.error({ err: error }, 'scheduler tick failed'));
      return running;
    },
    { noOverlap: true, timezone: 'UTC', name: 'reminders', suppressMissedWarning: true },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}

/** A node-cron expression (with seconds) for "every N ms", rounded to whole seconds or minutes. */
export function cronExpression(everyMs: number): string {
  const seconds = Math.max(1, Math.round(everyMs / 1000));
  if (seconds < 60) return `*/${seconds} * * * * *`;
  return `0 */${Math.min(59, Math.max(1, Math.round(seconds / 60)))} * * * *`;
}
