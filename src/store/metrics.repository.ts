import type { Sql } from './sql';

export type MetricsReadingsRepository = ReturnType<typeof createMetricsReadings>;

/** Read-only counts the metrics endpoint reports at each scrape. */
export function createMetricsReadings(q: Sql) {
  return {
    async openIncidentsBySeverity() {
      return q.all<{ severity: string; type: string; count: number }>(
        'SELECT severity, type, COUNT(*) AS count FROM incidents WHERE resolved_at IS NULL GROUP BY severity, type',
      );
    },
    async pendingAlertNotifications() {
      return (
        (await q.one<{ count: number }>('SELECT COUNT(*) AS count FROM alert_notifications WHERE processed_at IS NULL'))
          ?.count ?? 0
      );
    },
    async webhookOutboxDepth() {
      return (
        (await q.one<{ count: number }>("SELECT COUNT(*) AS count FROM webhook_outbox WHERE state = 'pending'"))
          ?.count ?? 0
      );
    },
  };
}
