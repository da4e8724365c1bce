import type { Db } from './sqlite/db';

export type MetricsReadingsRepository = ReturnType<typeof createMetricsReadings>;

/** Read-only counts the metrics endpoint reports at each scrape. */
export function createMetricsReadings({ db }: { db: Db }) {
  const open = db.prepare(
    'SELECT severity, COUNT(*) AS count FROM incidents WHERE resolved_at IS NULL GROUP BY severity',
  );
  const pending = db.prepare('SELECT COUNT(*) FROM alert_notifications WHERE processed_at IS NULL').pluck();
  const outbox = db.prepare("SELECT COUNT(*) FROM webhook_outbox WHERE state = 'pending'").pluck();
  return {
    async openIncidentsBySeverity(): Promise<Array<{ severity: string; count: number }>> {
      return open.all() as Array<{ severity: string; count: number }>;
    },
    async pendingAlertNotifications(): Promise<number> {
      return pending.get() as number;
    },
    async webhookOutboxDepth(): Promise<number> {
      return outbox.get() as number;
    },
  };
}
