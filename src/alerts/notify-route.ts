import { askedWait, ChatError } from '../errors/chat-error';
import { nextSetupAttemptAt } from '../incidents/setup-retries';
import { cutText } from '../text/cut-text';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import type { AlertNotification, AlertOutcome } from './alert.types';
import type { AlertRoute } from './alerts.config';
import { type AlertsDeps, DESCRIPTION_MAX } from './alerts.deps';
import { compareWithLast } from './changes';
import { severityFor, titleFor } from './routing';

/** Due notices posted per tick; more wait for the next. */
const SEND_AT_ONCE = 50;

/**
 * The notify route: newly firing alerts of a group become a notice in the route's channel, with a
 * button to declare. The notice is durable like a declaration's set-up: a row written in the
 * transaction that records its alerts as seen, posted after the commit, and, when Slack failed or
 * the process stopped first, posted at a later tick or the next start. It is posted once: the post
 * names its row in its metadata, so an attempt after a lost answer or a crash finds it instead.
 */
export function createNotifyRoute(deps: AlertsDeps) {
  const { store, port, policy, clock, logger } = deps;
  const severityIds = policy.severities.map((s) => s.id);

  /** One attempt at a leased notice; a failure plans the next attempt, on the set-up's schedule. */
  async function post(item: ClaimedItem): Promise<boolean> {
    const { id, takenOver } = item;
    const row = await store.alerts.notice(id);
    if (!row || row.postedAt !== null) {
      await item.complete(async () => undefined);
      return false;
    }
    let failure: unknown = null;
    try {
      // An earlier attempt, or a process that died holding the lease, may have posted it.
      await port.notify(row.notice, { noticeId: id, mayExist: takenOver || row.attempts > 0 });
    } catch (error) {
      failure = error;
    }
    const failed = row.attempts + 1;
    const nextAt = failure === null ? null : nextSetupAttemptAt(failed, clock.now(), askedWait(failure));
    const settled = await item.complete(async (tx) => {
      if (failure === null) await tx.alerts.noticePosted(id, clock.now());
      else await tx.alerts.noticeFailed(id, failed, nextAt);
    });
    if (!settled.held) return false;
    if (failure === null) return true;
    // A platform failure by its code; anything else (a bug) with its stack.
    const why = failure instanceof ChatError ? { code: failure.code } : { err: failure };
    const fields = { ...why, notice: id, source: row.notice.source, failed };
    if (nextAt === null) logger.error(fields, 'alert notice given up: Slack refused it for a day');
    else logger.warn({ ...fields, nextAt }, 'alert notice not posted yet; tried again later');
    return false;
  }

  const job: TimedJob = { name: 'alertNotices', kind: 'alertNotice', batch: SEND_AT_ONCE, work: post };

  return {
    /**
     * Records the group's newly firing alerts and, when there are any, their notice, in one
     * transaction; then posts it in the background.
     */
    async notify(source: string, n: AlertNotification, route: AlertRoute): Promise<AlertOutcome> {
      const noticeId = await store.transaction(async (tx) => {
        const group = await tx.alerts.groupOrNew(source, n.groupKey);
        const { firing } = await compareWithLast(tx, group.id, n.alerts);
        if (firing.length === 0) return null;
        return tx.alerts.addNotice(
          source,
          {
            source,
            channelId: route.channel as string,
            title: titleFor(route, n),
            severity: severityFor(policy.alerts, severityIds, route, n.labels).severity,
            description: cutText(n.description, DESCRIPTION_MAX),
            link: n.link,
            alertNames: [...new Set(firing.map((a) => a.name))],
          },
          clock.now(),
        );
      });
      if (noticeId === null) return n.status === 'resolved' ? 'ignored' : 'repeat';
      // At once, after the commit; a tick takes it if this fails or the process stops first.
      deps.background(() => deps.runner.runOne(job, noticeId));
      return 'notified';
    },

    job,
  };
}
