import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';

/**
 * The one periodic task: every `everyMs` it runs `tick` (the jobs, see jobs.ts). One task for the whole
 * app, not one timer per incident; state lives in the database, so a restart loses nothing.
 */
export function startScheduler(schedule: { everyMs: number; tick: () => Promise<unknown>; logger: Logger }): {
  stop(): Promise<void>;
} {
  const expression = cronExpression(schedule.everyMs);
  let running: Promise<unknown> = Promise.resolve();
  const task: ScheduledTask = cron.schedule(
    expression,
    () => {
      running = schedule
        .tick()
        .catch((error: unknown) => schedule.logger.error({ err: error }, 'scheduler tick failed'));
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
