import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { IncidentError } from '../incidents/incidents.errors';
import { type IsMember, requireAccess } from '../incidents/permissions';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { Followup } from '../timeline/timeline.types';
import { inWorkingHours, nextWorkingDay, nextWorkingMoment } from './working-hours';

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
    async tick(): Promise<number> {
      const now = clock.now();
      let sent = 0;
      for (const followup of await store.followups.dueNudges(now)) {
        const incident = await store.incidents.get(followup.incidentId);
        const owner = followup.ownerId as string;
        if (!incident) continue;
        const tz = (await port.timeZoneOf(owner).catch(() => null)) ?? policy.timezone;
        if (!inWorkingHours(now, tz)) {
          await store.followups.moveNudge(followup.id, followup.nudgeAt, nextWorkingMoment(now, tz));
          continue;
        }
        // Claimed by moving the next nudge to the next working day: a second tick finds nothing.
        if (!(await store.followups.moveNudge(followup.id, followup.nudgeAt, nextWorkingDay(now, tz)))) continue;
        try {
          await port.nudgeFollowup(owner, { incident, followup });
          sent++;
        } catch (error) {
          logger.warn({ followupId: followup.id, err: error }, 'follow-up nudge failed');
        }
      }
      return sent;
    },

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
