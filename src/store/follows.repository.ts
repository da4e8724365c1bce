import type { Subscription, SubscriptionField } from '../follows/follows.types';
import type { StatusUpdate } from '../incidents/incident.types';
import type { Sql } from './sql';
import { type StatusUpdateRow, toUpdate } from './status-updates.repository';

/** A person following an incident; `subscriptionId` null when they followed it by hand. */
export interface Follow {
  incidentId: number;
  userId: string;
  subscriptionId: number | null;
  since: number;
}

/** A DM owed to a follower: about one status update (the resolution is one too), or that they follow. */
export interface FollowNotice {
  id: number;
  incidentId: number;
  /** 'update-<id>' or 'followed'. */
  step: string;
  userId: string;
  dueAt: number | null;
  outcome: 'sent' | 'hidden' | 'failed' | null;
  /** The update it tells of; null for 'followed'. */
  update: StatusUpdate | null;
}

type NoticeRow = StatusUpdateRow & {
  notice_id: number;
  notice_incident: number;
  step: string;
  follower: string;
  due_at: number | null;
  outcome: FollowNotice['outcome'];
};

const NOTICE_SELECT = `SELECT n.id AS notice_id, n.incident_id AS notice_incident, n.step, n.user_id AS follower,
  n.due_at, n.outcome, u.* FROM follow_notices n LEFT JOIN status_updates u ON u.id = n.update_id`;

const toNotice = (r: NoticeRow): FollowNotice => ({
  id: r.notice_id,
  incidentId: r.notice_incident,
  step: r.step,
  userId: r.follower,
  dueAt: r.due_at,
  outcome: r.outcome,
  update: r.id === null ? null : toUpdate(r),
});

interface SubscriptionRow {
  id: number;
  user_id: string;
  field: SubscriptionField;
  value: string;
  created_at: number;
}

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  userId: r.user_id,
  field: r.field,
  value: r.value,
  createdAt: r.created_at,
});

interface FollowRow {
  incident_id: number;
  user_id: string;
  subscription_id: number | null;
  since: number;
}

const toFollow = (r: FollowRow): Follow => ({
  incidentId: r.incident_id,
  userId: r.user_id,
  subscriptionId: r.subscription_id,
  since: r.since,
});

export type FollowsRepository = ReturnType<typeof createFollowsRepository>;

export function createFollowsRepository(q: Sql) {
  return {
    /**
     * Follows by hand: a new follow, or one stopped before started again. False when the person
     * already followed it (a second click, a redelivery).
     */
    async follow(incidentId: number, userId: string, at: number): Promise<boolean> {
      return (
        (await q.run(
          `INSERT INTO incident_followers (incident_id, user_id, subscription_id, since) VALUES ($1, $2, NULL, $3)
           ON CONFLICT (incident_id, user_id) DO UPDATE SET stopped_at = NULL, since = excluded.since
           WHERE incident_followers.stopped_at IS NOT NULL`,
          [incidentId, userId, at],
        )) === 1
      );
    },
    /** Follows for a subscription; nothing when the person follows it already or stopped following it. */
    async followFor(incidentId: number, userId: string, subscriptionId: number, at: number): Promise<boolean> {
      return (
        (await q.run(
          `INSERT INTO incident_followers (incident_id, user_id, subscription_id, since) VALUES ($1, $2, $3, $4)
           ON CONFLICT (incident_id, user_id) DO NOTHING`,
          [incidentId, userId, subscriptionId, at],
        )) === 1
      );
    },
    /** Stops a follow; false when there was none going. */
    async unfollow(incidentId: number, userId: string, at: number): Promise<boolean> {
      return (
        (await q.run(
          'UPDATE incident_followers SET stopped_at = $3 WHERE incident_id = $1 AND user_id = $2 AND stopped_at IS NULL',
          [incidentId, userId, at],
        )) === 1
      );
    },
    /** Who follows the incident now. */
    async followers(incidentId: number): Promise<Follow[]> {
      const rows = await q.all<FollowRow>(
        `SELECT incident_id, user_id, subscription_id, since FROM incident_followers
         WHERE incident_id = $1 AND stopped_at IS NULL ORDER BY since, user_id`,
        [incidentId],
      );
      return rows.map(toFollow);
    },
    /** The open incidents the person follows, the earliest followed first. */
    async followedBy(userId: string): Promise<Follow[]> {
      const rows = await q.all<FollowRow>(
        `SELECT f.incident_id, f.user_id, f.subscription_id, f.since FROM incident_followers f
         JOIN incidents i ON i.id = f.incident_id
         WHERE f.user_id = $1 AND f.stopped_at IS NULL AND i.resolved_at IS NULL ORDER BY f.since, f.incident_id`,
        [userId],
      );
      return rows.map(toFollow);
    },
    /** Adds a subscription; the existing one when the person has it already. */
    async subscribe(s: Omit<Subscription, 'id'>): Promise<{ subscription: Subscription; created: boolean }> {
      const inserted = await q.one<SubscriptionRow>(
        `INSERT INTO follow_subscriptions (user_id, field, value, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, field, value) DO NOTHING RETURNING id, user_id, field, value, created_at`,
        [s.userId, s.field, s.value, s.createdAt],
      );
      if (inserted) return { subscription: toSubscription(inserted), created: true };
      const found = await q.one<SubscriptionRow>(
        'SELECT id, user_id, field, value, created_at FROM follow_subscriptions WHERE user_id = $1 AND field = $2 AND value = $3',
        [s.userId, s.field, s.value],
      );
      return { subscription: toSubscription(found as SubscriptionRow), created: false };
    },
    /** Removes one of the person's subscriptions; false when they have no such one. */
    async unsubscribe(userId: string, id: number): Promise<boolean> {
      return (await q.run('DELETE FROM follow_subscriptions WHERE id = $1 AND user_id = $2', [id, userId])) === 1;
    },
    async subscriptionsOf(userId: string): Promise<Subscription[]> {
      const rows = await q.all<SubscriptionRow>(
        'SELECT id, user_id, field, value, created_at FROM follow_subscriptions WHERE user_id = $1 ORDER BY id',
        [userId],
      );
      return rows.map(toSubscription);
    },
    /** Everyone's subscriptions on these fields' values: the candidates for one incident. */
    async subscriptionsOn(field: SubscriptionField, values: readonly string[]): Promise<Subscription[]> {
      if (values.length === 0) return [];
      const rows = await q.all<SubscriptionRow>(
        `SELECT id, user_id, field, value, created_at FROM follow_subscriptions
         WHERE field = $1 AND value IN (${values.map((_, n) => `$${n + 2}`).join(', ')}) ORDER BY id`,
        [field, ...values],
      );
      return rows.map(toSubscription);
    },
    /**
     * Owes each person a DM: `step` 'update-<id>' about a status update (`updateId`), 'followed' when
     * a subscription made them follow. Once per incident, person and step; returns how many are new.
     */
    async owe(
      n: { incidentId: number; step: string; updateId: number | null; at: number },
      userIds: readonly string[],
    ): Promise<number> {
      let added = 0;
      for (const userId of userIds)
        added += await q.run(
          `INSERT INTO follow_notices (incident_id, update_id, step, user_id, due_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (incident_id, user_id, step) DO NOTHING`,
          [n.incidentId, n.updateId, n.step, userId, n.at],
        );
      return added;
    },
    /** A DM owed, with the update it is about (none for 'followed'). */
    async notice(id: number): Promise<FollowNotice | undefined> {
      const row = await q.one<NoticeRow>(`${NOTICE_SELECT} WHERE n.id = $1`, [id]);
      return row && toNotice(row);
    },
    /** Sent or given up: due no more. */
    async noticeDone(id: number, outcome: 'sent' | 'hidden' | 'failed', at: number): Promise<void> {
      await q.run('UPDATE follow_notices SET due_at = NULL, outcome = $2, done_at = $3 WHERE id = $1', [
        id,
        outcome,
        at,
      ]);
    },
    /** The DMs owed or sent to a person, oldest first (what tests and tools read). */
    async noticesTo(userId: string): Promise<FollowNotice[]> {
      const rows = await q.all<NoticeRow>(`${NOTICE_SELECT} WHERE n.user_id = $1 ORDER BY n.id`, [userId]);
      return rows.map(toNotice);
    },
    /** Ends every follow of the incident (its resolution was the last news). */
    async endAll(incidentId: number, at: number): Promise<void> {
      await q.run('UPDATE incident_followers SET stopped_at = $2 WHERE incident_id = $1 AND stopped_at IS NULL', [
        incidentId,
        at,
      ]);
    },
  };
}
