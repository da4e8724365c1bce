import { parseOncallTarget, type Unless } from '../config/escalation.config';
import { findSeverity, type Policy, type Severity } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { isDrill } from '../incidents/incident-types';
import type { OnCallLookup } from '../reminders/reminder.port';
import type { NewTimer } from './timer.types';
import type { Service } from '../catalog/catalog.types';
import { servicesNamed } from '../incidents/affected-services';
import type { Repositories } from '../store';

/** The incident's affected services when the level calls in theirs; none otherwise (no read). */
export async function servicesFor(
  store: Repositories<'incidentServices'>,
  policy: Policy,
  incidentId: number,
  notify: Notify,
): Promise<Service[]> {
  return notify.service ? servicesNamed(policy, await store.incidentServices.of(incidentId)) : [];
}

export type Notify = Severity['escalation'][number]['notify'];

export interface LadderLevel {
  /** 1 for the first level. */
  number: number;
  name: string;
  /** From the declaration; null: reached only by missed updates or by hand. */
  after: number | null;
  unless: Unless;
  notify: Notify;
}

/** A level's name as people read it: the configured one, else what it notifies. */
function nameOf(level: Severity['escalation'][number], number: number): string {
  if (level.name) return level.name;
  if (level.notify.oncall) return `on-call ${level.notify.oncall}`;
  if (level.notify.role) return level.notify.role;
  if (level.notify.service) return `service ${level.notify.service === 'owners' ? 'owners' : 'on-call'}`;
  if (level.notify.pagerduty) return 'PagerDuty';
  return `level ${number}`;
}

/** The severity's ladder, levels numbered from 1; empty for a severity the policy does not know. */
export function ladderOf(policy: Policy, severityId: string): LadderLevel[] {
  const severity = findSeverity(policy, severityId);
  return (severity?.escalation ?? []).map((level, i) => ({
    number: i + 1,
    name: nameOf(level, i + 1),
    after: level.after,
    unless: level.unless,
    notify: level.notify,
  }));
}

/** Whether the state that makes a level unnecessary has been reached. */
export function unlessHolds(incident: Incident, unless: Unless): boolean {
  if (incident.resolvedAt !== null) return true;
  switch (unless) {
    case 'acknowledged':
      return incident.acknowledgedAt !== null;
    case 'mitigated':
      return ['mitigating', 'monitoring', 'resolved'].includes(incident.status);
    case 'resolved':
      return false;
  }
}

/** The timers a newly declared incident (or one that changed severity) starts with; none for a retroactive one. */
export function timersFor(incident: Incident, policy: Policy, fromLevel = 1): NewTimer[] {
  // Recorded after it ended: its ladder never starts (not even when reopened, or on a restart's catch-up).
  if (incident.retroactive) return [];
  return ladderOf(policy, incident.severity)
    .filter((level) => level.number >= fromLevel)
    .map((level) => ({
      incidentId: incident.id,
      kind: 'level' as const,
      level: level.number,
      userId: null,
      dueAt: level.after === null ? null : incident.declaredAt + level.after,
    }));
}

export interface Contacts {
  users: string[];
  usergroup: string | null;
  /** The level calls in the on-call backup (the secondary), so messages can say so. */
  onCallBackup: boolean;
}

/**
 * Whom a level calls in at `at`: the named rotation's primary or secondary (the secondary's stand-in
 * is the primary when the secondary leads the incident already), the listed users, the user group
 * and whoever holds the role. The commander is never called in about their own incident. A drill
 * pages no rotation unless the policy's `drills.pageOncall` says it may: practice must not wake
 * whoever is on call; it still calls in the people it names.
 */
export function contactsOf(
  notify: Notify,
  incident: Incident,
  onCall: OnCallLookup | undefined,
  at: number,
  drills: Policy['drills'],
  services: readonly Service[] = [],
): Contacts {
  const people: string[] = [];
  let usergroup = notify.usergroup;
  const pages = !isDrill(incident) || drills.pageOncall;
  const target = notify.oncall && pages ? parseOncallTarget(notify.oncall) : null;
  if (target) {
    const now = onCall?.(at, target.rotation) ?? null;
    const candidates = target.who === 'secondary' ? [now?.secondary, now?.primary] : [now?.primary];
    const found = candidates.find((u): u is string => !!u && u !== incident.commanderId);
    if (found) people.push(found);
  }
  people.push(...notify.users);
  if (notify.role) {
    const holder = notify.role === 'commander' ? undefined : incident.roles[notify.role];
    if (holder) people.push(holder);
  }
  for (const service of notify.service ? services : []) {
    if (notify.service === 'oncall') {
      const primary = service.oncall && pages ? onCall?.(at, service.oncall)?.primary : undefined;
      if (primary) people.push(primary);
      continue;
    }
    people.push(...service.owners.users);
    // A level names one group: the first affected service's, unless the level names its own.
    usergroup ??= service.owners.usergroup;
  }
  const users = [...new Set(people)].filter((u) => u !== incident.commanderId);
  return { users, usergroup, onCallBackup: target?.who === 'secondary' };
}

export const hasContacts = (c: Pick<Contacts, 'users' | 'usergroup'>): boolean =>
  c.users.length > 0 || c.usergroup !== null;

/**
 * Levels that can never call anyone in with this policy (nobody listed, or an on-call target with
 * no rotation configured): the start-up warns once for each, since the level will be skipped.
 */
export function levelsWithNobody(policy: Policy): Array<{ severity: string; level: number; name: string }> {
  return policy.severities.flatMap((severity) =>
    ladderOf(policy, severity.id)
      .filter(({ notify }) => {
        const oncall = notify.oncall !== undefined && policy.oncall.length > 0;
        const service = notify.service !== undefined && policy.services.length > 0;
        return (
          !oncall &&
          !service &&
          notify.pagerduty === undefined &&
          notify.users.length === 0 &&
          notify.usergroup === null &&
          notify.role === undefined
        );
      })
      .map((level) => ({ severity: severity.id, level: level.number, name: level.name })),
  );
}
