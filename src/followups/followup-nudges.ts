import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { IncidentError } from '../incidents/incidents.errors';
import { type IsMember, requireAccess } from '../incidents/permissions';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { TimedJob } from '../timers/timed-job';
import type { Followup } from '../timeline/timeline.types';
import { inWorkingHours, nextWorkingDay, nextWorkingMoment } from '../postmortem/working-hours';

export const SNOOZE_FOLLOWUP_MS = 7 * 24 * 3_600_000;

export interface FollowupNudgePort {
  timeZoneOf(userId: string): Promise<string | null>;
  /** Tells the owner the follow-up is overdue, with Done and Snooze a week. */
  nudgeFollowup(ownerId: string, nudge: { incident: Incident; followup: Followup }): Promise<void>;
}

export interface FollowupNudgeDeps {
  store: Repositories<'incidents' | 'followups'>;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  isMember: IsMember;
}

export type FollowupNudges = ReturnType<typeof createFollowupNudges>;

/**
 * Overdue follow-ups nudge their owner by DM once a working day (in the owner's zone) until they
 * are done or snoozed. The owner, or anyone who may change the incident, answers the nudge.
 */
export function createFollowupNudges(
  { store, policy, clock, logger, isMember }: FollowupNudgeDeps,
  port: FollowupNudgePort,
) {
  async function allowed(followupId: number, actorId: string): Promise<Followup> {
    const followup = await store.followups.get(followupId);
    if (!followup) throw new IncidentError('no_such_followup', 'That follow-up no longer exists.');
    if (followup.ownerId !== actorId)
      await requireAccess(
        await store.incidents.get(followup.incidentId),
        actorId,
        { need: 'change' },
        policy,
        isMember,
      );
    return followup;
  }

  return {
    /**
     * Overdue follow-ups, leased: each nudges its owner in their working hours. The next nudge is
     * moved to the next working day before the DM, so a nudge goes out at most once a day.
     */
    job: {
      name: 'followupNudges',
      kind: 'followupNudge',
      batch: 50,
      // Each follow-up on its own: a few are nudged at once, their next nudges moved together.
      completeTogether: true,
      async work(item) {
        const { id, now } = item;
        const followup = await store.followups.dueNudge(id, now);
        const incident = followup && (await store.incidents.get(followup.incidentId));
        if (!followup || !incident) {
          await item.complete(async () => undefined);
          return false;
        }
        const owner = followup.ownerId as string;
        const tz = (await port.timeZoneOf(owner).catch(() => null)) ?? policy.timezone;
        if (!inWorkingHours(now, tz)) {
          await item.complete((tx) => tx.followups.moveNudge(id, followup.nudgeAt, nextWorkingMoment(now, tz)));
          return false;
        }
        const moved = await item.complete((tx) =>
          tx.followups.moveNudge(id, followup.nudgeAt, nextWorkingDay(now, tz)),
        );
        if (!moved.held || !moved.value) return false;
        try {
          await port.nudgeFollowup(owner, { incident, followup });
          return true;
        } catch (error) {
          logger.warn({ followupId: id, err: error }, 'follow-up nudge failed');
          return false;
        }
      },
    } satisfies TimedJob,

    /** Checks that this person may answer for the follow-up (its owner, or someone who may change the incident). */
    allowed,

    /** No nudge for a week. Returns when the next one may come. */
    async snooze(followupId: number, actorId: string): Promise<number> {
      await allowed(followupId, actorId);
      const until = clock.now() + SNOOZE_FOLLOWUP_MS;
      await store.followups.snooze(followupId, until);
      return until;
    },
  };
}
