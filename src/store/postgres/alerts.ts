import type { AlertKind, AlertNotification, AlertOutcome, AlertStatus } from '../../alerts/alert.types';
import type { AlertNotice } from '../../alerts/alerts.port';
import { type AlertsRepository, type GroupRow, type NoticeRow, toGroup, toNotice } from '../alerts.repository';
import { all, one, type Queryable } from './pool';

export function createPgAlertsRepository(q: Queryable): AlertsRepository {
  const group = async (source: string, groupKey: string) => {
    const row = await one<GroupRow>(
      q,
      'SELECT id, episode, declare_key, incident_id FROM alert_groups WHERE source = $1 AND group_key = $2',
      [source, groupKey],
    );
    return row && toGroup(row);
  };
  return {
    async record(source: string, kind: AlertKind, receivedAt: number, notification: AlertNotification) {
      const row = await one<{ id: number }>(
        q,
        'INSERT INTO alert_notifications (source, kind, received_at, notification) VALUES ($1, $2, $3, $4) RETURNING id',
        [source, kind, receivedAt, JSON.stringify(notification)],
      );
      return row?.id as number;
    },
    async pending(afterId: number, limit: number) {
      const rows = await all<{ id: number; source: string; notification: string }>(
        q,
        'SELECT id, source, notification FROM alert_notifications WHERE processed_at IS NULL AND id > $1 ORDER BY id LIMIT $2',
        [afterId, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        source: r.source,
        notification: JSON.parse(r.notification) as AlertNotification,
      }));
    },
    async notification(id: number) {
      const row = await one<{ id: number; source: string; notification: string }>(
        q,
        'SELECT id, source, notification FROM alert_notifications WHERE id = $1',
        [id],
      );
      return row && { id: row.id, source: row.source, notification: JSON.parse(row.notification) as AlertNotification };
    },
    async pendingCount() {
      return (
        (
          await one<{ count: number }>(
            q,
            'SELECT COUNT(*) AS count FROM alert_notifications WHERE processed_at IS NULL',
          )
        )?.count ?? 0
      );
    },
    async anyUnfinished() {
      const row = await one<{ unfinished: boolean }>(
        q,
        'SELECT EXISTS (SELECT 1 FROM alert_notifications WHERE processed_at IS NULL) OR EXISTS (SELECT 1 FROM alert_notices WHERE posted_at IS NULL AND due_at IS NOT NULL) AS unfinished',
      );
      return row?.unfinished === true;
    },
    async finish(id: number, at: number, outcome: AlertOutcome) {
      await q.query('UPDATE alert_notifications SET processed_at = $1, outcome = $2 WHERE id = $3', [at, outcome, id]);
    },
    group,
    /** Insert-or-nothing first, so two replicas seeing the group's first alert make one group. */
    async groupOrNew(source: string, groupKey: string) {
      await q.query(
        'INSERT INTO alert_groups (source, group_key, episode) VALUES ($1, $2, 1) ON CONFLICT (source, group_key) DO NOTHING',
        [source, groupKey],
      );
      return (await group(source, groupKey)) as NonNullable<Awaited<ReturnType<typeof group>>>;
    },
    /** One statement: the new episode and forgetting the last one's alerts happen together. */
    async startEpisode(groupId: number, episode: number, declareKey: string | null) {
      await q.query(
        'WITH forgotten AS (DELETE FROM alert_fingerprints WHERE group_id = $3) UPDATE alert_groups SET episode = $1, declare_key = $2, incident_id = NULL WHERE id = $3',
        [episode, declareKey, groupId],
      );
    },
    async link(groupId: number, incidentId: number) {
      await q.query('UPDATE alert_groups SET incident_id = $1 WHERE id = $2', [incidentId, groupId]);
    },
    async fingerprints(groupId: number) {
      const rows = await all<{ fingerprint: string; status: AlertStatus }>(
        q,
        'SELECT fingerprint, status FROM alert_fingerprints WHERE group_id = $1',
        [groupId],
      );
      return new Map(rows.map((r) => [r.fingerprint, r.status]));
    },
    async saveFingerprint(groupId: number, fingerprint: string, status: AlertStatus) {
      await q.query(
        'INSERT INTO alert_fingerprints (group_id, fingerprint, status) VALUES ($1, $2, $3) ON CONFLICT (group_id, fingerprint) DO UPDATE SET status = excluded.status',
        [groupId, fingerprint, status],
      );
    },
    async addNotice(source: string, toPost: AlertNotice, at: number) {
      const row = await one<{ id: number }>(
        q,
        'INSERT INTO alert_notices (source, notice, created_at, due_at) VALUES ($1, $2, $3, $3) RETURNING id',
        [source, JSON.stringify(toPost), at],
      );
      return row?.id as number;
    },
    async notice(id: number) {
      const row = await one<NoticeRow>(q, 'SELECT id, notice, attempts, posted_at FROM alert_notices WHERE id = $1', [
        id,
      ]);
      return row && toNotice(row);
    },
    async noticePosted(id: number, at: number) {
      await q.query('UPDATE alert_notices SET posted_at = $1, due_at = NULL WHERE id = $2', [at, id]);
    },
    async noticeFailed(id: number, attempts: number, nextAt: number | null) {
      await q.query('UPDATE alert_notices SET attempts = $1, due_at = $2 WHERE id = $3', [attempts, nextAt, id]);
    },
  };
}
