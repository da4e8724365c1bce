import type { Policy } from '../config/policy';
import { readableText } from '../text/rich-text';
import { type ActionVoice, actionWords } from './action-words';
import { type Firing, firingsFor, type IncidentView, type RuleEvent } from './decide';
import type { TriggerName } from './rules.config';

/** An incident and an event, as `npm run rules -- test` is given them. */
export interface Scenario {
  event: TriggerName;
  severity: string;
  services: string[];
  type?: string;
  isPrivate?: boolean;
}

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
    type: s.type ?? policy.types[0]?.id ?? 'incident',
    isPrivate: s.isPrivate ?? false,
    channelId: null,
    channelName: null,
    commanderId: holderOf('commander'),
    roles: Object.fromEntries(policy.roles.map((r) => [r.id, holderOf(r.id)])),
  };
  return firingsFor(policy.rules, eventOf(s), view, policy.services);
}

const PLAIN: ActionVoice = {
  person: (id) => (id.startsWith('(') ? id : `@${id}`),
  usergroup: (id) => `@${id}`,
  text: (a) => readableText(a.text, { person: () => undefined }),
  literal: (text) => text,
};

/** The dry run as lines to print: each rule that fires and what it would do. */
export function dryRunLines(s: Scenario, firings: Firing[]): string[] {
  const on = s.services.length > 0 ? ` on ${s.services.join(', ')}` : '';
  const head = `${s.event}: a ${s.isPrivate ? 'private ' : ''}${s.severity} ${s.type ?? 'incident'}${on}`;
  if (firings.length === 0) return [head, '  no rule fires'];
  return [
    head,
    ...firings.flatMap((f) => [
      `  rule "${f.rule}" fires:`,
      ...f.actions.map((a) => `    - ${actionWords(a, 'planned', PLAIN)}`),
    ]),
  ];
}
