import { findRole, findSeverity, isMajor } from '../config/policy';
import { planReminder } from '../reminders/plan';
import type { IncidentChange } from './change.types';
import { IncidentError, quoted, type StepProblem } from './incidents.errors';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { mayChange, notAllowed } from './permissions';
import { stepRunner } from './step-runner';

export interface ChangeResult {
  incident: Incident;
  /** False when the incident already was that way (a repeated request changes nothing). */
  changed: boolean;
  problems: StepProblem[];
}

/** Severity changes, role assignments and reopening: the changes made while an incident runs. */
export function createChanges(deps: IncidentsDeps) {
  const { store, conversation, policy, clock, logger } = deps;

  function load(id: number): Incident {
    const incident = store.incidents.get(id);
    if (!incident) throw new IncidentError('incident_not_found', `Incident #${id} does not exist.`);
    return incident;
  }

  function requireOpen(incident: Incident): void {
    if (incident.resolvedAt !== null) {
      throw new IncidentError('incident_resolved', `Incident #${incident.id} is resolved. Reopen it first with /incident reopen.`);
    }
  }

  async function authorize(incident: Incident, userId: string): Promise<void> {
    if (!(await mayChange(incident, userId, policy, conversation.isMember))) throw notAllowed(incident);
  }

  return {
    /** Whether this person may change the incident (to refuse before a form is even opened). */
    mayChange: (incident: Incident, userId: string) => mayChange(incident, userId, policy, conversation.isMember),
    authorize,

    async changeSeverity(input: { incidentId: number; severity: string; reason: string; actorId: string }): Promise<ChangeResult> {
      const before = load(input.incidentId);
      const severity = findSeverity(policy, input.severity);
      if (!severity) {
        throw new IncidentError(
          'unknown_severity',
          `There is no severity "${quoted(input.severity)}". Choose one of: ${policy.severities.map((s) => `${s.id} (${s.name})`).join(', ')}.`,
        );
      }
      requireOpen(before);
      await authorize(before, input.actorId);
      if (severity.id === before.severity) return { incident: before, changed: false, problems: [] };
      const now = clock.now();
      const reason = input.reason.trim();
      const incident = store.transaction(() => {
        const incident = store.incidents.update(before.id, { severity: severity.id });
        store.timeline.append({
          incidentId: before.id,
          at: now,
          kind: 'severity_changed',
          actorId: input.actorId,
          text: `Severity changed from ${before.severity} to ${severity.id}${reason ? `: ${reason}` : ''}`,
          data: { from: before.severity, to: severity.id, reason },
        });
        // The new cadence counts from the last update: a due time already past sends at the next tick.
        planReminder(store, policy, incident, now, false);
        return incident;
      });
      logger.info({ incidentId: incident.id, from: before.severity, to: incident.severity }, 'severity changed');
      const change: IncidentChange = { kind: 'severity', from: before.severity, to: severity.id, reason, actorId: input.actorId };
      const { problems, attempt } = stepRunner(logger, incident.id, 'severity change');
      await attempt('change_note', () => conversation.postChange(incident, change));
      await attempt('kickoff_refresh', () => conversation.refreshKickoff(incident));
      await attempt('topic', () => conversation.setTopic(incident));
      if (incident.announcementTs) await attempt('announcement', () => conversation.refreshAnnouncement(incident));
      if (isMajor(policy, severity.id) && !isMajor(policy, before.severity)) {
        await attempt('announce_change', () => conversation.announceChange(incident, change));
      }
      return { incident, changed: true, problems };
    },

    async assignRole(input: { incidentId: number; role: string; userId: string; actorId: string }): Promise<ChangeResult> {
      const before = load(input.incidentId);
      const role = findRole(policy, input.role);
      if (!role) {
        throw new IncidentError('unknown_role', `There is no role "${quoted(input.role)}". Choose one of: ${policy.roles.map((r) => r.id).join(', ')}.`);
      }
      requireOpen(before);
      await authorize(before, input.actorId);
      const from = role.id === 'commander' ? before.commanderId : (before.roles[role.id] ?? null);
      if (from === input.userId) return { incident: before, changed: false, problems: [] };
      const now = clock.now();
      const incident = store.transaction(() => {
        const incident =
          role.id === 'commander'
            ? store.incidents.update(before.id, { commanderId: input.userId })
            : store.incidents.update(before.id, { roles: { ...before.roles, [role.id]: input.userId } });
        store.timeline.append({
          incidentId: before.id,
          at: now,
          kind: 'role_assigned',
          actorId: input.actorId,
          text: `${role.name}: <@${input.userId}>${from ? ` (was <@${from}>)` : ''}`,
          data: { role: role.id, from, to: input.userId },
        });
        if (role.id === 'commander') {
          // A new commander starts a fresh streak: reminders go to them, escalation counts anew.
          const state = store.reminders.get(before.id);
          if (state) store.reminders.save({ ...state, missed: 0, escalatedAt: null });
        }
        return incident;
      });
      logger.info({ incidentId: incident.id, role: role.id }, 'role assigned');
      const change: IncidentChange = { kind: 'role', roleId: role.id, roleName: role.name, from, to: input.userId, actorId: input.actorId };
      const { problems, attempt } = stepRunner(logger, incident.id, 'role assignment');
      if (incident.channelId) await attempt('invite', () => conversation.invite(incident.channelId as string, [input.userId]));
      await attempt('role_dm', () => conversation.tellRoleHolder(incident, role, input.userId, input.actorId));
      await attempt('change_note', () => conversation.postChange(incident, change));
      await attempt('kickoff_refresh', () => conversation.refreshKickoff(incident));
      if (role.id === 'commander') {
        await attempt('topic', () => conversation.setTopic(incident));
        if (incident.announcementTs) await attempt('announcement', () => conversation.refreshAnnouncement(incident));
      }
      return { incident, changed: true, problems };
    },

    async reopen(input: { incidentId: number; reason: string; actorId: string }): Promise<ChangeResult> {
      const before = load(input.incidentId);
      if (before.resolvedAt === null) throw new IncidentError('incident_open', `Incident #${before.id} is not resolved.`);
      if (before.archivedAt !== null) {
        throw new IncidentError('incident_archived', `Incident #${before.id}'s channel is archived. Declare a new incident instead.`);
      }
      await authorize(before, input.actorId);
      const now = clock.now();
      const reason = input.reason.trim();
      const incident = store.transaction(() => {
        // The update cadence starts again from the reopening; a pending archive is called off.
        const incident = store.incidents.update(before.id, { status: 'investigating', resolvedAt: null, lastUpdateAt: now, archiveDueAt: null });
        store.timeline.append({
          incidentId: before.id,
          at: now,
          kind: 'reopened',
          actorId: input.actorId,
          text: `Reopened${reason ? `: ${reason}` : ''}`,
          data: { reason, resolvedAt: before.resolvedAt, archiveWasDueAt: before.archiveDueAt },
        });
        planReminder(store, policy, incident, now, true);
        return incident;
      });
      logger.info({ incidentId: incident.id }, 'incident reopened');
      const { problems, attempt } = stepRunner(logger, incident.id, 'reopen');
      await attempt('change_note', () => conversation.postChange(incident, { kind: 'reopened', reason, actorId: input.actorId }));
      await attempt('kickoff_refresh', () => conversation.refreshKickoff(incident));
      await attempt('topic', () => conversation.setTopic(incident));
      if (incident.announcementTs) await attempt('announcement', () => conversation.refreshAnnouncement(incident));
      return { incident, changed: true, problems };
    },
  };
}
