import type { MetricsReadingsRepository } from '../metrics.repository';
import type { PendingCapturesRepository } from '../pending-captures.repository';
import type { PeopleRepository } from '../people.repository';
import { all, one, type Queryable } from './pool';

export function createPgPeopleRepository(q: Queryable): PeopleRepository {
  return {
    async remember(userId: string, name: string, now: number) {
      await q.query(
        'INSERT INTO people (user_id, name, updated_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at WHERE people.name <> excluded.name',
        [userId, name, now],
      );
    },
    async nameOf(userId: string) {
      return (await one<{ name: string }>(q, 'SELECT name FROM people WHERE user_id = $1', [userId]))?.name;
    },
    async all() {
      const rows = await all<{ user_id: string; name: string }>(q, 'SELECT user_id, name FROM people');
      return new Map(rows.map((r) => [r.user_id, r.name]));
    },
  };
}

export function createPgPendingCapturesRepository(q: Queryable): PendingCapturesRepository {
  return {
    async save(token: string, payload: unknown, now: number) {
      await q.query('DELETE FROM pending_captures WHERE created_at < $1', [now - 86_400_000]);
      await q.query(
        'INSERT INTO pending_captures (token, payload, created_at) VALUES ($1, $2, $3) ON CONFLICT (token) DO UPDATE SET payload = excluded.payload, created_at = excluded.created_at',
        [token, JSON.stringify(payload), now],
      );
    },
    async get(token: string) {
      const row = await one<{ payload: string }>(q, 'SELECT payload FROM pending_captures WHERE token = $1', [token]);
      return row === undefined ? undefined : JSON.parse(row.payload);
    },
  };
}

export function createPgMetricsReadings(q: Queryable): MetricsReadingsRepository {
  return {
    async openIncidentsBySeverity() {
      return all<{ severity: string; count: number }>(
        q,
        'SELECT severity, COUNT(*) AS count FROM incidents WHERE resolved_at IS NULL GROUP BY severity',
      );
    },
    async pendingAlertNotifications() {
      return (
        (
          await one<{ count: number }>(
            q,
            'SELECT COUNT(*) AS count FROM alert_notifications WHERE processed_at IS NULL',
          )
        )?.count ?? 0
      );
    },
    async webhookOutboxDepth() {
      return (
        (await one<{ count: number }>(q, "SELECT COUNT(*) AS count FROM webhook_outbox WHERE state = 'pending'"))
          ?.count ?? 0
      );
    },
  };
}
