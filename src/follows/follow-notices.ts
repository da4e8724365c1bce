import type { Policy } from '../config/policy';
import { isTransient } from '../errors/chat-error';
import type { PostKey } from '../incidents/conversation.port';
import type { IsMember } from '../incidents/permissions';
import { canSee } from '../incidents/visibility';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { FollowerNews, Subscription } from './follows.types';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';

/** How followers are told; Slack implements it (src/slack/adapters/follow-port.ts). */
export interface FollowPort {
  /** One DM, carrying `key` so that a replica taking the work over finds it sent (key.mayExist). */
  tell(news: FollowerNews, key: PostKey): Promise<void>;
}

export interface FollowNoticesDeps {
  store: Store;
  policy: Policy;
  logger: Logger;
  isMember: IsMember;
}

/**
 * The DMs owed to followers (follow_notices rows, written in the transaction of the change that
 * owes them), each sent once by this leased job: a redelivered request owes nothing new, and a
 * restart or another replica finds the row done or, when it took over a half-sent one, the DM by
 * its key. A private incident's news goes only to a person who may see it when it is sent (the one
 * visibility rule, membership confirmed with the chat platform).
 */
export function createFollowNotices({ store, policy, logger, isMember }: FollowNoticesDeps, port: FollowPort) {
  const log = logger.child({ component: 'follows' });

  async function work(item: ClaimedItem): Promise<boolean> {
    const notice = await store.follows.notice(item.id);
    const incident = notice && (await store.incidents.get(notice.incidentId));
    if (!notice || !incident || notice.dueAt === null || notice.dueAt > item.now) {
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    const member = (channelId: string) =>
      isMember(channelId, notice.userId, { confirm: true }).catch((): boolean => false);
    if (!(await canSee(incident, notice.userId, policy, member))) {
      log.info({ incidentId: incident.id, step: notice.step }, 'follower may not see the incident: not told');
      await item.complete((tx) => tx.follows.noticeDone(notice.id, 'hidden', item.now));
      return false;
    }
    const news: FollowerNews = notice.update
      ? { kind: 'update', userId: notice.userId, incident, update: notice.update }
      : { kind: 'followed', userId: notice.userId, incident, subscription: await subscriptionOf(notice) };
    try {
      await port.tell(news, { incidentId: incident.id, step: `follow-${notice.step}`, mayExist: item.takenOver });
    } catch (error) {
      if (isTransient(error)) {
        // Left due, its lease given back: the next tick tries again.
        log.warn({ err: error, incidentId: incident.id }, 'could not tell a follower yet');
        await store.transaction((tx) => item.release(tx));
        return false;
      }
      log.warn({ err: error, incidentId: incident.id }, 'could not tell a follower: given up');
      await item.complete((tx) => tx.follows.noticeDone(notice.id, 'failed', item.now));
      return false;
    }
    const done = await item.complete((tx) => tx.follows.noticeDone(notice.id, 'sent', item.now));
    if (!done.held) log.warn({ incidentId: incident.id }, 'follow notice lease lost before it was recorded');
    return true;
  }

  async function subscriptionOf(notice: { incidentId: number; userId: string }): Promise<Subscription | null> {
    const follow = (await store.follows.followers(notice.incidentId)).find((f) => f.userId === notice.userId);
    if (!follow?.subscriptionId) return null;
    return (await store.follows.subscriptionsOf(notice.userId)).find((s) => s.id === follow.subscriptionId) ?? null;
  }

  const job: TimedJob = { name: 'follow notices', kind: 'followNotice', batch: 20, work };
  return { job };
}
