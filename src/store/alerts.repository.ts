import type { Db } from './sqlite/db';
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

export function createAlertsRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    'INSERT INTO alert_notifications (source, kind, received_at, notification) VALUES (?, ?, ?, ?)',
  );
  const pending = db.prepare(
    'SELECT id, source, notification FROM alert_notifications WHERE processed_at IS NULL AND id > ? ORDER BY id LIMIT ?',
  );
  const one = db.prepare('SELECT id, source, notification FROM alert_notifications WHERE id = ?');
  const finish = db.prepare('UPDATE alert_notifications SET processed_at = ?, outcome = ? WHERE id = ?');
  const pendingCount = db.prepare('SELECT COUNT(*) FROM alert_notifications WHERE processed_at IS NULL').pluck();
  const anyUnfinished = db
    .prepare(
      'SELECT EXISTS (SELECT 1 FROM alert_notifications WHERE processed_at IS NULL) OR EXISTS (SELECT 1 FROM alert_notices WHERE posted_at IS NULL AND due_at IS NOT NULL)',
    )
    .pluck();
  const group = db.prepare(
    'SELECT id, episode, declare_key, incident_id FROM alert_groups WHERE source = ? AND group_key = ?',
  );
  const createGroup = db.prepare('INSERT INTO alert_groups (source, group_key, episode) VALUES (?, ?, 1) RETURNING id');
  const startEpisode = db.prepare(
    'UPDATE alert_groups SET episode = ?, declare_key = ?, incident_id = NULL WHERE id = ?',
  );
  const link = db.prepare('UPDATE alert_groups SET incident_id = ? WHERE id = ?');
  const forget = db.prepare('DELETE FROM alert_fingerprints WHERE group_id = ?');
  const fingerprints = db.prepare('SELECT fingerprint, status FROM alert_fingerprints WHERE group_id = ?');
  const saveFingerprint = db.prepare(
    'INSERT INTO alert_fingerprints (group_id, fingerprint, status) VALUES (?, ?, ?) ON CONFLICT (group_id, fingerprint) DO UPDATE SET status = excluded.status',
  );
  const addNotice = db.prepare(
    'INSERT INTO alert_notices (source, notice, created_at, due_at) VALUES (?, ?, ?, ?) RETURNING id',
  );
  const notice = db.prepare('SELECT id, notice, attempts, posted_at FROM alert_notices WHERE id = ?');
  const noticePosted = db.prepare('UPDATE alert_notices SET posted_at = ?, due_at = NULL WHERE id = ?');
  const noticeFailed = db.prepare('UPDATE alert_notices SET attempts = ?, due_at = ? WHERE id = ?');

  return {
    /** Stores an accepted notification; what the 202 promises. */
    async record(
      source: string,
      kind: AlertKind,
      receivedAt: number,
      notification: AlertNotification,
    ): Promise<number> {
      return Number(insert.run(source, kind, receivedAt, JSON.stringify(notification)).lastInsertRowid);
    },
    /** Unprocessed notifications after `afterId`, oldest first. */
    async pending(afterId: number, limit: number): Promise<StoredNotification[]> {
      const rows = pending.all(afterId, limit) as Array<{ id: number; source: string; notification: string }>;
      return rows.map((r) => ({
        id: r.id,
        source: r.source,
        notification: JSON.parse(r.notification) as AlertNotification,
      }));
    },
    /** One recorded notification, processed or not. */
    async notification(id: number): Promise<StoredNotification | undefined> {
      const row = one.get(id) as { id: number; source: string; notification: string } | undefined;
      return row && { id: row.id, source: row.source, notification: JSON.parse(row.notification) as AlertNotification };
    },
    async pendingCount(): Promise<number> {
      return pendingCount.get() as number;
    },
    /** Whether a notification waits to be processed or a notice to be posted. */
    async anyUnfinished(): Promise<boolean> {
      return anyUnfinished.get() === 1;
    },
    async finish(id: number, at: number, outcome: AlertOutcome): Promise<void> {
      finish.run(at, outcome, id);
    },
    async group(source: string, groupKey: string): Promise<AlertGroup | undefined> {
      const row = group.get(source, groupKey) as GroupRow | undefined;
      return row && toGroup(row);
    },
    /** The group as it is, or a new one at episode 1 with nothing linked. */
    async groupOrNew(source: string, groupKey: string): Promise<AlertGroup> {
      const row = group.get(source, groupKey) as GroupRow | undefined;
      const found = row && toGroup(row);
      if (found) return found;
      const id = (createGroup.get(source, groupKey) as { id: number }).id;
      return { id, episode: 1, declareKey: null, incidentId: null };
    },
    /** A new episode forgets the alerts of the last one. */
    async startEpisode(groupId: number, episode: number, declareKey: string | null): Promise<void> {
      startEpisode.run(episode, declareKey, groupId);
      forget.run(groupId);
    },
    async link(groupId: number, incidentId: number): Promise<void> {
      link.run(incidentId, groupId);
    },
    async fingerprints(groupId: number): Promise<Map<string, AlertStatus>> {
      const rows = fingerprints.all(groupId) as Array<{ fingerprint: string; status: AlertStatus }>;
      return new Map(rows.map((r) => [r.fingerprint, r.status]));
    },
    async saveFingerprint(groupId: number, fingerprint: string, status: AlertStatus): Promise<void> {
      saveFingerprint.run(groupId, fingerprint, status);
    },
    /** A notice to post, due at once. */
    async addNotice(source: string, toPost: AlertNotice, at: number): Promise<number> {
      return (addNotice.get(source, JSON.stringify(toPost), at, at) as { id: number }).id;
    },
    async notice(id: number): Promise<StoredNotice | undefined> {
      const row = notice.get(id) as NoticeRow | undefined;
      return row && toNotice(row);
    },
    async noticePosted(id: number, at: number): Promise<void> {
      noticePosted.run(at, id);
    },
    /** After a failed attempt: tried again at `nextAt`, or never (null: given up). */
    async noticeFailed(id: number, attempts: number, nextAt: number | null): Promise<void> {
      noticeFailed.run(attempts, nextAt, id);
    },
  };
}
