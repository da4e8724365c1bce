import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import type { Repositories } from '../store';
import { type Contacts, contactsOf, hasContacts, type LadderLevel, ladderOf, servicesFor } from './ladder';
import type { OnCallLookup } from '../reminders/reminder.port';
import type { EscalationTimer, EscalationTrigger } from './timer.types';

type Store = Repositories<'escalationTimers' | 'leases'>;

/** A level's row as it stands: the latest one (a severity change plans levels anew); made if missing. */
export async function levelRow(store: Store, incident: Incident, level: LadderLevel): Promise<EscalationTimer> {
  const find = async () =>
    (await store.escalationTimers.list(incident.id))
      .filter((t) => t.kind === 'level' && t.level === level.number)
      .at(-1);
  const found = await find();
  if (found) return found;
  // Incidents declared before ladders have no rows; missed updates and `/incident escalate` still climb.
  await store.escalationTimers.add({
    incidentId: incident.id,
    kind: 'level',
    level: level.number,
    userId: null,
    dueAt: null,
  });
  return (await find()) as EscalationTimer;
}

export const hasFired = (timer: EscalationTimer): boolean => timer.state === 'fired' || timer.state === 'skipped';

/**
 * A level the clock is calling in at this moment, on this replica or another: its row is still
 * pending (it is marked fired once Slack has answered) and leased. Firing it by hand as well would
 * call the same people in twice.
 */
export async function beingCalledIn(
  store: Repositories<'leases'>,
  row: EscalationTimer,
  now: number,
): Promise<boolean> {
  if (row.state !== 'pending') return false;
  const holder = await store.leases.holder('escalationTimer', row.id);
  return holder !== null && holder.until > now;
}

/**
 * Fires the next level that has not fired and has somebody to call in or pages (inside the caller's
 * transaction, so `store` is its `tx`): one level at a time, as missed updates and `/incident escalate` climb the ladder.
 * A level its `unless` state cancelled still counts: it was not needed on the clock, but the
 * commander's silence or a person's doubt asks for it now.
 */
export async function fireNextLevel(
  deps: {
    store: Store & Repositories<'incidentServices'>;
    policy: Policy;
    onCall?: OnCallLookup;
    /** Whether reaching the level pages through PagerDuty: such a level counts even with nobody to call in. */
    pages?: (incident: Incident, level: LadderLevel) => boolean;
  },
  incident: Incident,
  now: number,
  trigger: EscalationTrigger,
): Promise<{ level: LadderLevel; contacts: Contacts } | null> {
  for (const level of ladderOf(deps.policy, incident.severity)) {
    const row = await levelRow(deps.store, incident, level);
    // One the clock is calling in right now counts as fired: the next one is what is asked for.
    if (hasFired(row) || (await beingCalledIn(deps.store, row, now))) continue;
    const services = await servicesFor(deps.store, deps.policy, incident.id, level.notify);
    const contacts = contactsOf(level.notify, incident, deps.onCall, now, deps.policy.drills, services);
    if (!hasContacts(contacts) && !deps.pages?.(incident, level)) continue;
    if (await deps.store.escalationTimers.fireLevel(row.id, now, trigger)) return { level, contacts };
  }
  return null;
}
