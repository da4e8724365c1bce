import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { lastDigestAt, previousDigestAt } from './digest-times';
import { buildWeeklyDigest, type WeeklyDigestData } from './weekly-digest';

/** A digest missed by more than this (Commander was down) is not posted any more: the stand-up it was for is over. */
export const DIGEST_LATE_LIMIT = 6 * 3_600_000;

/** How the digest reaches chat; Slack implements it (src/slack/adapters/weekly-digest-port.ts). */
export interface WeeklyDigestPort {
  /** Posts in `channel`. `mayExist`: an earlier attempt may have posted it (a replica took it over), so look first. */
  post(digest: WeeklyDigestData, channel: string, key: { mayExist: boolean }): Promise<void>;
}

export interface WeeklyDigestDeps {
  store: Store;
  policy: Policy;
  clock: Clock;
  logger: Logger;
}

/**
 * The weekly digest: each tick records the latest digest time (once, whoever records it first),
 * and the leased job posts each recorded one once in the announcement channel. Off with
 * `digest: false`, or without an announcement channel.
 */
export function createWeeklyDigest({ store, policy, clock, logger }: WeeklyDigestDeps, port: WeeklyDigestPort) {
  const log = logger.child({ component: 'weekly-digest' });
  const { digest: when, announcementChannel: channel } = policy;

  async function find(): Promise<number> {
    if (when === false || channel === null) return 0;
    const now = clock.now();
    const at = lastDigestAt(when, policy.timezone, now);
    if (now - at > DIGEST_LATE_LIMIT) return 0;
    return (await store.weeklyDigests.record(at)) ? 1 : 0;
  }

  async function work(item: ClaimedItem): Promise<boolean> {
    const digest = await store.weeklyDigests.get(item.id);
    if (!digest || digest.dueAt === null || digest.dueAt > item.now) {
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    if (when === false || channel === null || item.now - digest.at > DIGEST_LATE_LIMIT) {
      log.info({ at: digest.at }, 'weekly digest too late or turned off: not posted');
      await item.complete((tx) => tx.weeklyDigests.done(digest.id, null));
      return false;
    }
    try {
      const from = previousDigestAt(when, policy.timezone, digest.at);
      const data = await buildWeeklyDigest({ store, policy }, { id: digest.id, at: digest.at, from });
      await port.post(data, channel, { mayExist: item.takenOver });
    } catch (error) {
      // Left due, its lease given back: the next tick tries again.
      log.warn({ err: error, at: digest.at }, 'could not post the weekly digest');
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    const done = await item.complete((tx) => tx.weeklyDigests.done(digest.id, item.now));
    if (!done.held) log.warn({ at: digest.at }, 'weekly digest lease lost before it was recorded as posted');
    return true;
  }

  const job: TimedJob = { name: 'weekly digest', kind: 'weeklyDigest', batch: 1, work };
  return { find, job };
}
