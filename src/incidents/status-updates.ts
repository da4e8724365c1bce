import { isMajor } from '../config/policy';
import { entries } from '../timeline/entries';
import { facts, nobodyListens } from './after-change';
import type { StepProblem } from './incidents.errors';
import { requireOpenIncident } from './lookup';
import { requireAccess } from './permissions';
import { longestFirst } from './longest-first';
import { stepRunner } from './step-runner';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident, StatusUpdate, UpdateStatus } from './incident.types';

export interface UpdateInput {
  incidentId: number;
  /** Idempotency key: a redelivered or double-submitted update is posted once. */
  key: string;
  status: UpdateStatus;
  summary: string;
  impact: string;
  nextSteps: string;
  authorId: string;
}

export interface ResolveInput {
  incidentId: number;
  key: string;
  resolution: string;
  rootCause: string;
  authorId: string;
  /** For the postmortem: 2–3 sentences on what happened, and how many users were affected. */
  summary?: string;
  usersAffected?: string;
}

/** Work of another part of Commander that follows a resolution, run with the resolve's own Slack calls. */
export interface ResolveHooks {
  /**
   * Called once the incident is resolved (not for a repeated request), alongside the post, the
   * summary, the topic and the announcements rather than after them; its failure is a problem
   * reported like theirs, under the step `step`.
   */
  alongside?: { step: string; run: (incident: Incident) => Promise<unknown> };
}

export interface UpdateResult {
  incident: Incident;
  update: StatusUpdate;
  /** False when this request repeated one already handled. */
  created: boolean;
  problems: StepProblem[];
}

export function createStatusUpdates(deps: IncidentsDeps) {
  const { store, recorder, conversation, policy, clock, logger, afterChange = nobodyListens } = deps;

  /**
   * Posts the update and brings every other view of the incident up to date; each part at most
   * once. No part needs what another returns, so all are asked of Slack at once: one round trip.
   */
  async function publish(
    incident: Incident,
    update: StatusUpdate,
    previousStatus: string,
    mayExist = false,
    hooks: ResolveHooks = {},
  ): Promise<StepProblem[]> {
    const { problems, attempt } = stepRunner(logger, incident.id, 'status update');
    const key = (step: string) => ({ incidentId: incident.id, step: `${step}-${update.id}`, mayExist });
    const parts: Array<() => Promise<void>> = [];
    if (!update.messageTs) {
      parts.push(() =>
        attempt('post', async () =>
          store.statusUpdates.setMessageTs(
            update.id,
            await conversation.postStatusUpdate(incident, update, key('update')),
          ),
        ),
      );
    }
    parts.push(() => attempt('kickoff_refresh', () => conversation.refreshKickoff(incident)));
    if (previousStatus !== incident.status || update.status === 'resolved')
      parts.push(() => attempt('topic', () => conversation.setTopic(incident)));
    if (isMajor(policy, incident.severity) && !update.mirrorTs) {
      parts.push(() =>
        attempt('mirror', async () => {
          const ts = await conversation.mirrorStatusUpdate(incident, update, key('mirror'));
          if (ts) await store.statusUpdates.setMirrorTs(update.id, ts);
        }),
      );
    }
    if (incident.announcementTs)
      parts.push(() => attempt('announcement', () => conversation.refreshAnnouncement(incident)));
    const { alongside } = hooks;
    // Another part's work (the postmortem draft's upload) may take more round trips: it goes first.
    if (alongside) await longestFirst(() => attempt(alongside.step, () => alongside.run(incident)), parts);
    else await Promise.all(parts.map((part) => part()));
    return problems;
  }

  const authorize = async (incidentId: number, userId: string, open: boolean) =>
    requireAccess(
      await store.incidents.get(incidentId),
      userId,
      { need: 'change', open },
      policy,
      conversation.isMember,
    );

  /** A resolve request already handled (a redelivery, a double submit): finish what is left, once. */
  async function repeatedResolve(existing: StatusUpdate): Promise<UpdateResult> {
    const incident = (await store.incidents.get(existing.incidentId)) as Incident;
    const problems = existing.messageTs ? [] : await publish(incident, existing, 'resolved', true);
    return { incident, update: existing, created: false, problems };
  }

  return {
    async postUpdate(input: UpdateInput): Promise<UpdateResult> {
      const existing = await store.statusUpdates.findByKey(input.key);
      // A repeated request may find the incident resolved since; a new update needs it open.
      await authorize(input.incidentId, input.authorId, !existing);
      if (existing) {
        const incident = (await store.incidents.get(existing.incidentId)) as Incident;
        const problems = existing.messageTs ? [] : await publish(incident, existing, incident.status, true);
        return { incident, update: existing, created: false, problems };
      }
      const before = await requireOpenIncident(store, input.incidentId);
      const now = clock.now();
      const { incident, update } = await store.transaction(async (tx) => {
        const update = await tx.statusUpdates.insert({
          incidentId: before.id,
          requestKey: input.key,
          status: input.status,
          summary: input.summary.trim(),
          impact: input.impact.trim(),
          nextSteps: input.nextSteps.trim(),
          authorId: input.authorId,
          postedAt: now,
        });
        const incident = await tx.incidents.update(before.id, {
          status: input.status,
          impact: update.impact || before.impact,
          lastUpdateAt: now,
        });
        await recorder.record(
          tx,
          entries.statusUpdate(
            { incidentId: before.id, at: now, actorId: input.authorId },
            {
              from: before.status,
              to: input.status,
              summary: update.summary,
              impact: update.impact,
              nextSteps: update.nextSteps,
              updateId: update.id,
            },
          ),
        );
        const statusChanged = before.status !== incident.status;
        await afterChange(
          incident,
          facts(now, {
            answered: true,
            cadenceMoved: true,
            statusChanged,
            actorId: input.authorId,
            updateId: update.id,
          }),
          tx,
        );
        return { incident, update };
      });
      logger.info({ incidentId: incident.id, from: before.status, to: incident.status }, 'status update posted');
      const problems = await publish(incident, update, before.status);
      return { incident, update, created: true, problems };
    },

    async resolve(input: ResolveInput, hooks: ResolveHooks = {}): Promise<UpdateResult> {
      const existing = await store.statusUpdates.findByKey(input.key);
      await authorize(input.incidentId, input.authorId, !existing);
      if (existing) return repeatedResolve(existing);
      const now = clock.now();
      // Checked again after the await: a double submit or someone else may have resolved it meanwhile.
      const resolved = await store.transaction(
        async (
          tx,
        ): Promise<{ repeated: StatusUpdate } | { incident: Incident; update: StatusUpdate; before: Incident }> => {
          const repeated = await tx.statusUpdates.findByKey(input.key);
          if (repeated) return { repeated };
          const before = await requireOpenIncident(tx, input.incidentId);
          if (deps.beforeResolve) await deps.beforeResolve(before, tx);
          const update = await tx.statusUpdates.insert({
            incidentId: before.id,
            requestKey: input.key,
            status: 'resolved',
            summary: input.resolution.trim(),
            impact: before.impact,
            nextSteps: '',
            authorId: input.authorId,
            postedAt: now,
          });
          const incident = await tx.incidents.update(before.id, {
            status: 'resolved',
            resolvedAt: now,
            resolution: input.resolution.trim(),
            rootCause: input.rootCause.trim() || null,
            lastUpdateAt: now,
            archiveDueAt: policy.archiveAfter === null ? null : now + policy.archiveAfter,
          });
          await tx.postmortemFacts.set(before.id, {
            summary: input.summary?.trim() || null,
            usersAffected: input.usersAffected?.trim() || null,
          });
          await recorder.record(
            tx,
            entries.resolved(
              { incidentId: before.id, at: now, actorId: input.authorId },
              {
                from: before.status,
                resolution: update.summary,
                rootCause: incident.rootCause,
                declaredAt: before.declaredAt,
              },
            ),
          );
          await afterChange(
            incident,
            facts(now, {
              answered: true,
              cadenceMoved: true,
              resolved: true,
              actorId: input.authorId,
              updateId: update.id,
            }),
            tx,
          );
          return { incident, update, before };
        },
      );
      if ('repeated' in resolved) return repeatedResolve(resolved.repeated);
      const { incident, update, before } = resolved;
      logger.info({ incidentId: incident.id, durationMs: now - before.declaredAt }, 'incident resolved');
      const problems = await publish(incident, update, before.status, false, hooks);
      return { incident, update, created: true, problems };
    },
  };
}
