import { findRole, findSeverity, isMajor } from '../config/policy';
import { entries } from '../timeline/entries';
import { facts, nobodyListens } from './after-change';
import { requireAssignable } from './assignees';
import type { IncidentChange } from './change.types';
import { IncidentError, quoted, type StepProblem } from './incidents.errors';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { requireIncident, requireOpenIncident } from './lookup';
import { type AccessNeed, requireAccess } from './permissions';
import { stepRunner } from './step-runner';
import type { Repositories } from '../store';

export interface ChangeResult {
  incident: Incident;
  /** False when the incident already was that way (a repeated request changes nothing). */
  changed: boolean;
  problems: StepProblem[];
}

const unchanged = (incident: Incident): ChangeResult => ({ incident, changed: false, problems: [] });

/**
 * Severity changes, role assignments and reopening: the changes made while an incident runs.
 * Permission is asked of Slack first; the incident is then read again inside the transaction
 * that changes it, so a double submit or a simultaneous change is never applied on stale data.
 */
export function createChanges(deps: IncidentsDeps) {
  const { store, recorder, conversation, policy, clock, logger, afterChange = nobodyListens } = deps;

  /** Who may see what is checked before whether it is open, so a refusal tells an outsider nothing. */
  const authorizeId = async (incidentId: number, userId: string, check: Omit<AccessNeed, 'need'> = { open: true }) =>
    requireAccess(
      await store.incidents.get(incidentId),
      userId,
      { need: 'change', ...check },
      policy,
      conversation.isMember,
    );

  /**
   * The channel note and every view that shows what changed (summary, topic, announcement), with
   * the flow's own steps (`also`): none needs what another returns, so all go to Slack at once.
   */
  async function tell(
    incident: Incident,
    change: IncidentChange,
    what: string,
    how: { topic: boolean; also?: (attempt: Attempt) => Promise<void>[] },
  ) {
    const { problems, attempt } = stepRunner(logger, incident.id, what);
    await Promise.all([
      ...(how.also?.(attempt) ?? []),
      attempt('change_note', () => conversation.postChange(incident, change)),
      attempt('kickoff_refresh', () => conversation.refreshKickoff(incident)),
      ...(how.topic
        ? [
            attempt('topic', () => conversation.setTopic(incident)),
            attempt('announcement', () => conversation.refreshAnnouncement(incident)),
          ]
        : []),
    ]);
    return problems;
  }

  return {
    /** Throws the sentence that refuses this person a role (an app, unknown to Slack, deactivated). */
    checkAssignee: (userId: string) => requireAssignable(conversation, userId),

    async changeSeverity(input: {
      incidentId: number;
      severity: string;
      reason: string;
      actorId: string;
    }): Promise<ChangeResult> {
      const severity = findSeverity(policy, input.severity);
      if (!severity) {
        throw new IncidentError(
          'unknown_severity',
          `There is no severity "${quoted(input.severity)}". Choose one of: ${policy.severities.map((s) => `${s.id} (${s.name})`).join(', ')}.`,
        );
      }
      await authorizeId(input.incidentId, input.actorId);
      const now = clock.now();
      const reason = input.reason.trim();
      const done = await store.transaction(async (tx) => {
        const before = await requireOpenIncident(tx, input.incidentId);
        if (severity.id === before.severity) return { before, incident: null };
        const incident = await tx.incidents.update(before.id, { severity: severity.id });
        await recorder.record(
          tx,
          entries.severityChanged(
            { incidentId: before.id, at: now, actorId: input.actorId },
            { from: before.severity, to: severity.id, reason },
          ),
        );
        // The new cadence counts from the last update: a due time already past sends at the next tick.
        await afterChange(
          incident,
          facts(now, { severityChanged: true, cadenceMoved: true, actorId: input.actorId }),
          tx,
        );
        return { before, incident };
      });
      const { before, incident } = done;
      if (!incident) return unchanged(before);
      logger.info({ incidentId: incident.id, from: before.severity, to: incident.severity }, 'severity changed');
      const change: IncidentChange = {
        kind: 'severity',
        from: before.severity,
        to: severity.id,
        reason,
        actorId: input.actorId,
      };
      const escalated = isMajor(policy, severity.id) && !isMajor(policy, before.severity);
      const problems = await tell(incident, change, 'severity change', {
        topic: true,
        also: (attempt) =>
          escalated ? [attempt('announce_change', () => conversation.announceChange(incident, change))] : [],
      });
      return { incident, changed: true, problems };
    },

    async assignRole(input: {
      incidentId: number;
      role: string;
      userId: string;
      actorId: string;
    }): Promise<ChangeResult> {
      const role = findRole(policy, input.role);
      if (!role) {
        throw new IncidentError(
          'unknown_role',
          `There is no role "${quoted(input.role)}". Choose one of: ${policy.roles.map((r) => r.id).join(', ')}.`,
        );
      }
      await authorizeId(input.incidentId, input.actorId);
      // The actor is a person the chat platform just heard from: taking a role oneself asks it nothing.
      if (input.userId !== input.actorId) await requireAssignable(conversation, input.userId);
      const now = clock.now();
      const done = await store.transaction(async (tx) => {
        const before = await requireOpenIncident(tx, input.incidentId);
        const from = role.id === 'commander' ? before.commanderId : (before.roles[role.id] ?? null);
        if (from === input.userId) return { before, from, incident: null };
        const incident =
          role.id === 'commander'
            ? await tx.incidents.update(before.id, { commanderId: input.userId })
            : await tx.incidents.update(before.id, { roles: { ...before.roles, [role.id]: input.userId } });
        await recorder.record(
          tx,
          entries.roleAssigned(
            { incidentId: before.id, at: now, actorId: input.actorId },
            { role: role.id, roleName: role.name, from, to: input.userId },
          ),
        );
        const assigned = { newCommander: role.id === 'commander', roleAssigned: role.id, actorId: input.actorId };
        await afterChange(incident, facts(now, assigned), tx);
        return { before, from, incident };
      });
      const { before, from, incident } = done;
      if (!incident) return unchanged(before);
      logger.info({ incidentId: incident.id, role: role.id }, 'role assigned');
      const change: IncidentChange = {
        kind: 'role',
        roleId: role.id,
        roleName: role.name,
        from,
        to: input.userId,
        actorId: input.actorId,
      };
      const problems = await tell(incident, change, 'role assignment', {
        topic: role.id === 'commander',
        also: (attempt) => [
          ...(incident.channelId
            ? [attempt('invite', () => conversation.invite(incident.channelId as string, [input.userId]))]
            : []),
          attempt('role_dm', () => conversation.tellRoleHolder(incident, role, input.userId, input.actorId)),
        ],
      });
      return { incident, changed: true, problems };
    },

    async reopen(input: { incidentId: number; reason: string; actorId: string }): Promise<ChangeResult> {
      const requireReopenable = async (repositories: Repositories<'incidents'>) => {
        const incident = await requireIncident(repositories, input.incidentId);
        if (incident.resolvedAt === null)
          throw new IncidentError('incident_open', `Incident #${incident.id} is not resolved.`);
        if (incident.archivedAt !== null) {
          throw new IncidentError(
            'incident_archived',
            `Incident #${incident.id}'s channel is archived. Declare a new incident instead.`,
          );
        }
        return incident;
      };
      await authorizeId(input.incidentId, input.actorId, { open: false });
      await requireReopenable(store);
      const now = clock.now();
      const reason = input.reason.trim();
      const incident = await store.transaction(async (tx) => {
        const before = await requireReopenable(tx);
        // The update cadence starts again from the reopening; a pending archive is called off, and
        // its farewell message will be posted afresh if the incident is archived after all.
        const incident = await tx.incidents.update(before.id, {
          status: 'investigating',
          resolvedAt: null,
          lastUpdateAt: now,
          archiveDueAt: null,
        });
        await tx.incidents.clearStep(before.id, 'archive_notice');
        await recorder.record(
          tx,
          entries.reopened(
            { incidentId: before.id, at: now, actorId: input.actorId },
            { reason, resolvedAt: before.resolvedAt, archiveWasDueAt: before.archiveDueAt },
          ),
        );
        await afterChange(incident, facts(now, { answered: true, cadenceMoved: true, actorId: input.actorId }), tx);
        return incident;
      });
      logger.info({ incidentId: incident.id }, 'incident reopened');
      const problems = await tell(incident, { kind: 'reopened', reason, actorId: input.actorId }, 'reopen', {
        topic: true,
      });
      return { incident, changed: true, problems };
    },
  };
}

type Attempt = ReturnType<typeof stepRunner>['attempt'];
