import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { AfterChange } from '../incidents/after-change';
import type { Incident } from '../incidents/incident.types';
import { IncidentError } from '../incidents/incidents.errors';
import { type IsMember, requireAccess } from '../incidents/permissions';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import { entries } from '../timeline/entries';
import type { TimedJob } from '../timers/timed-job';
import type { Recorder } from '../timeline/record';
import { POSTMORTEM_STEPS, type PostmortemStep, postmortemRequired, stepDeadlines } from './requirement';
import { inWorkingHours, nextWorkingMoment } from './working-hours';

/** What following a postmortem through needs from the chat platform. */
export interface FollowThroughPort {
  /** The person's time zone, or null when the platform does not know it. */
  timeZoneOf(userId: string): Promise<string | null>;
  /** Tells the commander that a step is due, with one way to mark it done. */
  nudgeStep(userId: string, nudge: { incident: Incident; step: PostmortemStep; dueAt: number }): Promise<void>;
  /** Puts the drafted postmortem in the incident's channel; the file's name, or null when it has no channel. */
  sharePostmortem(incident: Incident, markdown: string, reportDueAt: number): Promise<string | null>;
}

export interface FollowThroughDeps {
  store: Repositories<'incidents' | 'postmortemSteps' | 'timeline' | 'transaction'>;
  /** The one way entries reach the timeline (and webhooks and metrics hear of them). */
  recorder: Recorder;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  isMember: IsMember;
}

export type FollowThrough = ReturnType<typeof createFollowThrough>;

/** The after-change listener that plans a required postmortem's steps when it is resolved, and drops them on reopening. */
export function planPostmortem({ policy }: Pick<FollowThroughDeps, 'policy'>): AfterChange {
  return async (incident, facts, tx) => {
    if (incident.resolvedAt === null) {
      await tx.postmortemSteps.dropOpen(incident.id);
      return;
    }
    if (incident.resolvedAt !== facts.at || !postmortemRequired(policy, incident)) return;
    const due = stepDeadlines(policy, incident.resolvedAt);
    for (const step of POSTMORTEM_STEPS) await tx.postmortemSteps.plan(incident.id, step, due[step]);
  };
}

/**
 * After the fire: a required postmortem is drafted at resolve time, and each of its steps nudges
 * the commander once when due, in the commander's working hours, until someone marks it done.
 */
export function createFollowThrough(
  { store, recorder, policy, clock, logger, isMember }: FollowThroughDeps,
  port: FollowThroughPort,
  render: (incidentId: number) => Promise<string>,
) {
  return {
    /** Drafts and shares the postmortem of a just-resolved incident that requires one. */
    async onResolved(incident: Incident): Promise<boolean> {
      if (incident.resolvedAt === null || !postmortemRequired(policy, incident)) return false;
      const due = stepDeadlines(policy, incident.resolvedAt);
      const fileName = await port.sharePostmortem(incident, await render(incident.id), due.report);
      // On the timeline like a requested upload, so receivers of events hear of it the same way.
      if (fileName !== null)
        await recorder.record(
          store,
          entries.postmortemUploaded({ incidentId: incident.id, at: clock.now() }, { draft: false, fileName }),
        );
      return true;
    },

    /**
     * The postmortem steps now due, leased per incident: each nudges the commander once, in their
     * working hours (one outside them waits). The step is marked nudged before the DM, so a nudge
     * goes out at most once.
     */
    job: {
      name: 'postmortemNudges',
      kind: 'postmortemNudge',
      batch: 50,
      // Each incident's steps on their own: a few incidents are nudged at once, their leases given back together.
      completeTogether: true,
      async work(item) {
        const { id, now } = item;
        let sent = 0;
        const incident = await store.incidents.get(id);
        if (!incident) return 0; // steps belong to an incident (a foreign key): not reached
        const tz = (await port.timeZoneOf(incident.commanderId).catch(() => null)) ?? policy.timezone;
        for (const row of await store.postmortemSteps.dueNudges(id, now)) {
          if (!inWorkingHours(now, tz)) {
            await store.postmortemSteps.moveNudge(id, row.step, nextWorkingMoment(now, tz));
            continue;
          }
          if (!(await store.postmortemSteps.claimNudge(id, row.step, now))) continue;
          try {
            await port.nudgeStep(incident.commanderId, { incident, step: row.step, dueAt: row.dueAt });
            sent++;
          } catch (error) {
            logger.warn({ incidentId: id, step: row.step, err: error }, 'postmortem nudge failed');
          }
        }
        await item.complete(async () => undefined);
        return sent;
      },
    } satisfies TimedJob,

    /** Records a step done (once), on the timeline too. */
    async markDone(input: { incidentId: number; step: PostmortemStep; actorId: string }): Promise<boolean> {
      const incident = await requireAccess(
        await store.incidents.get(input.incidentId),
        input.actorId,
        { need: 'change' },
        policy,
        isMember,
      );
      if (incident.resolvedAt === null)
        throw new IncidentError('incident_open', `Incident #${incident.id} is open again; its postmortem waits.`);
      const now = clock.now();
      return store.transaction(async (tx) => {
        const changed = await tx.postmortemSteps.markDone(incident.id, input.step, now, input.actorId);
        if (changed)
          await recorder.record(
            tx,
            entries.postmortemStepDone(
              { incidentId: incident.id, at: now, actorId: input.actorId },
              { step: input.step },
            ),
          );
        return changed;
      });
    },

    /** Resolved incidents with a postmortem step past due. */
    async overdue(): Promise<Incident[]> {
      const found: Incident[] = [];
      for (const id of await store.postmortemSteps.overdueIncidents(clock.now())) {
        const incident = await store.incidents.get(id);
        if (incident && incident.resolvedAt !== null) found.push(incident);
      }
      return found;
    },
  };
}
