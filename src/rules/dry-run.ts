import type { ChecklistConfig } from '../checklists/checklists.config';
import type { IncidentFacts } from '../checklists/conditions';
import { listsAChangeAttaches } from '../checklists/lists-a-change-attaches';
import type { Policy } from '../config/policy';
import { readableText } from '../text/rich-text';
import { type ActionVoice, actionWords } from './action-words';
import { type Firing, firingsFor, type IncidentView, type RuleEvent } from './decide';
import type { TriggerName } from './rules.config';

/** An incident and an event, as `npm run rules -- test` is given them. */
export interface Scenario {
  event: TriggerName;
  severity: string;
  /** For severity_changed: the severity before (unknown: one that no checklist names). */
  from?: string;
  services: string[];
  type?: string;
  isPrivate?: boolean;
}

const typeOf = (policy: Policy, s: Scenario) => s.type ?? policy.types[0]?.id ?? 'incident';

/** What a role's holder is called in a dry run, where nobody holds any role yet. */
export const holderOf = (role: string) => `(${role})`;

/** The event a scenario is, as the live run would hear it (the same occurrences as plan-rules.ts). */
function eventOf(s: Scenario): RuleEvent {
  if (s.event === 'service_added')
    return { trigger: s.event, occurrence: `service:${s.services[0]}`, service: s.services[0] as string };
  const occurrence = s.event === 'severity_changed' ? `severity:${s.severity}` : s.event;
  return { trigger: s.event, occurrence };
}

/**
 * The rules that would fire, and what each would do: the same decision the live run makes
 * (decide.ts), on an incident that does not exist yet. Its number and channel are not known, and
 * every role is held by its placeholder.
 */
export function dryRun(policy: Policy, s: Scenario): Firing[] {
  const view: IncidentView = {
    number: null,
    title: '(title)',
    severity: s.severity,
    services: s.services.map((id) => ({ id, name: policy.services.find((c) => c.id === id)?.name ?? id })),
    type: typeOf(policy, s),
    isPrivate: s.isPrivate ?? false,
    channelId: null,
    channelName: null,
    commanderId: holderOf('commander'),
    roles: Object.fromEntries(policy.roles.map((r) => [r.id, holderOf(r.id)])),
  };
  return firingsFor(policy.rules, eventOf(s), view, policy.services);
}

/** Matches no checklist's severity: what an unknown severity before a change is taken to be. */
const NO_SEVERITY = '';

/**
 * The checklists the scenario's change would attach, by the live run's decision (conditions.ts):
 * the incident holds what it met before the change (a declaration: nothing; a severity change:
 * the `from` severity; a service added: the others) and gets each list it meets now on top. Other
 * changes alter nothing a condition reads, so they attach nothing.
 */
export function dryRunChecklists(policy: Policy, s: Scenario): ChecklistConfig[] {
  const after: IncidentFacts = {
    severity: s.severity,
    services: s.services,
    type: typeOf(policy, s),
    isPrivate: s.isPrivate ?? false,
  };
  const before: IncidentFacts | null =
    s.event === 'declared'
      ? null
      : s.event === 'severity_changed'
        ? { ...after, severity: s.from ?? NO_SEVERITY }
        : s.event === 'service_added'
          ? { ...after, services: s.services.slice(1) }
          : after;
  return listsAChangeAttaches(policy.checklists.lists, before, { ...after, resolved: s.event === 'resolved' });
}

const PLAIN: ActionVoice = {
  person: (id) => (id.startsWith('(') ? id : `@${id}`),
  usergroup: (id) => `@${id}`,
  text: (a) => readableText(a.text, { person: () => undefined }),
  literal: (text) => text,
};

/** A list's item as the dry run shows it: its text, then owner role, required and link when it has them. */
const itemLine = (item: ChecklistConfig['items'][number]) => {
  const about = [item.role, item.required ? 'required' : null, item.link].filter(Boolean);
  return `    - ${item.text}${about.length > 0 ? ` (${about.join(', ')})` : ''}`;
};

/** With no `from`, a list naming other severities would already be there had the incident one of them. */
function unlessHad(s: Scenario, list: ChecklistConfig): string {
  if (s.event !== 'severity_changed' || s.from !== undefined) return '';
  const others = (list.when.severity ?? []).filter((id) => id.toUpperCase() !== s.severity.toUpperCase());
  return others.length > 0 ? ` (unless the incident was ${others.join(' or ')} already)` : '';
}

/** The dry run as lines to print: each rule that fires and what it would do, then each checklist attached. */
export function dryRunLines(s: Scenario, firings: Firing[], lists: ChecklistConfig[]): string[] {
  const on = s.services.length > 0 ? ` on ${s.services.join(', ')}` : '';
  const from = s.from !== undefined ? ` from ${s.from}` : '';
  const head = `${s.event}${from}: a ${s.isPrivate ? 'private ' : ''}${s.severity} ${s.type ?? 'incident'}${on}`;
  return [
    head,
    ...(firings.length === 0 ? ['  no rule fires'] : []),
    ...firings.flatMap((f) => [
      `  rule "${f.rule}" fires:`,
      ...f.actions.map((a) => `    - ${actionWords(a, 'planned', PLAIN)}`),
    ]),
    ...(lists.length === 0 ? ['  no checklist attaches'] : []),
    ...lists.flatMap((list) => [
      `  checklist "${list.title}" (${list.id}) attaches${unlessHad(s, list)}:`,
      ...list.items.map(itemLine),
    ]),
  ];
}
