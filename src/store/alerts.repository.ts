import type { Sql } from './sql';
import type { AlertKind, AlertNotification, AlertOutcome, AlertStatus } from '../alerts/alert.types';
import type { AlertNotice } from '../alerts/alerts.port';

export interface StoredNotification {
  id: number;
  source: string;
  notification: AlertNotification;
}

/** A notify route's notice (migration 0013): what it shows, and how far its posting got. */
export interface StoredNotice {
  id: number;
  notice: AlertNotice;
  /** Failed attempts so far. */
  attempts: number;
  postedAt: number | null;
}

export interface NoticeRow {
  id: number;
  notice: string;
  attempts: number;
  posted_at: number | null;
}

export const toNotice = (row: NoticeRow): StoredNotice => ({
  id: row.id,
  notice: JSON.parse(row.notice) as AlertNotice,
  attempts: row.attempts,
  postedAt: row.posted_at,
});

export interface AlertGroup {
  id: number;
  episode: number;
  declareKey: string | null;
  incidentId: number | null;
}

export interface GroupRow {
  id: number;
  episode: number;
  declare_key: string | null;
  incident_id: number | null;
}

export const toGroup = (row: GroupRow): AlertGroup => ({
  id: row.id,
  episode: row.episode,
  declareKey: row.declare_key,
  incidentId: row.incident_id,
});

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;

export function createAlertsRepository(q: Sql) {
  const group = async (source: string, groupKey: string) => {
    const row = await q.one<GroupRow>(
      'SELECT id, episode, declare_key, incident_id FROM alert_groups WHERE source = $1 AND group_key = $2',
      [source, groupKey],
    );
    return row && toGroup(row);
  };
  return {
    /** Stores an accepted notification; what the 202 promises. */
    async record(source: string, kind: AlertKind, receivedAt: number, notification: AlertNotification) {
      const row = await q.one<{ id: number }>(
        'INSERT INTO alert_notifications (source, kind, received_at, notification) VALUES ($1, $2, $3, $4) RETURNING id',
        [source, kind, receivedAt, JSON.stringify(notification)],
      );
      return row?.id as number;
    },
    /** Unprocessed notifications after `afterId`, oldest first. */
    async pending(afterId: number, limit: number) {
      const rows = await q.all<{ id: number; source: string; notification: string }>(
        'SELECT id, source, notification FROM alert_notifications WHERE processed_at IS NULL AND id > $1 ORDER BY id LIMIT $2',
        [afterId, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        source: r.source,
        notification: JSON.parse(r.notification) as AlertNotification,
      }));
    },
    /** One recorded notification, processed or not. */
    async notification(id: number) {
      const row = await q.one<{ id: number; source: string; notification: string }>(
        'SELECT id, source, notification FROM alert_notifications WHERE id = $1',
        [id],
      );
      return row && { id: row.id, source: row.source, notification: JSON.parse(row.notification) as AlertNotification };
    },
    async pendingCount() {
      return (
        (await q.one<{ count: number }>('SELECT COUNT(*) AS count FROM alert_notifications WHERE processed_at IS NULL'))
          ?.count ?? 0
      );
    },
    /** Whether a notification waits to be processed or a notice to be posted. */
    async anyUnfinished() {
      const row = await q.one<{ unfinished: boolean | number }>(
        'SELECT EXISTS (SELECT 1 FROM alert_notifications WHERE processed_at IS NULL) OR EXISTS (SELECT 1 FROM alert_notices WHERE posted_at IS NULL AND due_at IS NOT NULL) AS unfinished',
      );
      return Boolean(row?.unfinished);
    },
    async finish(id: number, at: number, outcome: AlertOutcome) {
      await q.run('UPDATE alert_notifications SET processed_at = $1, outcome = $2 WHERE id = $3', [at, outcome, id]);
    },
    group,
    /** Insert-or-nothing first, so two replicas seeing the group's first alert make one group. */
    async groupOrNew(source: string, groupKey: string) {
      await q.run(
        'INSERT INTO alert_groups (source, group_key, episode) VALUES ($1, $2, 1) ON CONFLICT (source, group_key) DO NOTHING',
        [source, groupKey],
      );
      return (await group(source, groupKey)) as NonNullable<Awaited<ReturnType<typeof group>>>;
    },
    /** A new episode forgets the alerts of the last one, in the same change. */
    async startEpisode(groupId: number, episode: number, declareKey: string | null) {
      await q.specific.startEpisode(q, groupId, episode, declareKey);
    },
    async link(groupId: number, incidentId: number) {
      await q.run('UPDATE alert_groups SET incident_id = $1 WHERE id = $2', [incidentId, groupId]);
    },
    async fingerprints(groupId: number) {
      const rows = await q.all<{ fingerprint: string; status: AlertStatus }>(
        'SELECT fingerprint, status FROM alert_fingerprints WHERE group_id = $1',
        [groupId],
      );
      return new Map(rows.map((r) => [r.fingerprint, r.status]));
    },
    async saveFingerprint(groupId: number, fingerprint: string, status: AlertStatus) {
      await q.run(
        'INSERT INTO alert_fingerprints (group_id, fingerprint, status) VALUES ($1, $2, $3) ON CONFLICT (group_id, fingerprint) DO UPDATE SET status = excluded.status',
        [groupId, fingerprint, status],
      );
    },
    /** A notice to post, due at once. */
    async addNotice(source: string, toPost: AlertNotice, at: number) {
      const row = await q.one<{ id: number }>(
        'INSERT INTO alert_notices (source, notice, created_at, due_at) VALUES ($1, $2, $3, $3) RETURNING id',
        [source, JSON.stringify(toPost), at],
      );
      return row?.id as number;
    },
    async notice(id: number) {
      const row = await q.one<NoticeRow>('SELECT id, notice, attempts, posted_at FROM alert_notices WHERE id = $1', [
        id,
      ]);
      return row && toNotice(row);
    },
    async noticePosted(id: number, at: number) {
      await q.run('UPDATE alert_notices SET posted_at = $1, due_at = NULL WHERE id = $2', [at, id]);
    },
    /** After a failed attempt: tried again at `nextAt`, or never (null: given up). */
    async noticeFailed(id: number, attempts: number, nextAt: number | null) {
      await q.run('UPDATE alert_notices SET attempts = $1, due_at = $2 WHERE id = $3', [attempts, nextAt, id]);
    },
  };
}
