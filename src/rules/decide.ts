import type { Service } from '../catalog/catalog.types';
import type { PlannedAction } from './actions';
import type { Conditions, Rule, RuleAction, TriggerName } from './rules.config';
import { fillText, fillUrl, type TemplateValues } from './template';

/**
 * What happened, as rules hear it: the trigger and which occurrence of it this is (a rule fires
 * once per rule, incident and occurrence). `service`: the service a `service_added` added, which
 * is what that rule's `service` condition is matched against.
 */
export interface RuleEvent {
  trigger: TriggerName;
  occurrence: string;
  service?: string;
}

/** The incident as rules see it: what conditions test and templates fill. */
export interface IncidentView {
  /** Null in a dry run: there is no incident yet. */
  number: number | null;
  title: string;
  severity: string;
  services: Array<Pick<Service, 'id' | 'name'>>;
  type: string;
  isPrivate: boolean;
  channelId: string | null;
  channelName: string | null;
  commanderId: string | null;
  /** Role id → user id, the commander's included. */
  roles: Record<string, string>;
}

/** A rule that fires: its name, the occurrence, and what it will do. */
export interface Firing {
  rule: string;
  occurrence: string;
  actions: PlannedAction[];
}

const eq = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** Whether the incident (and the event) meet every condition given; a list means any of. */
export function meets(conditions: Conditions, view: IncidentView, event: RuleEvent): boolean {
  if (conditions.severity && !conditions.severity.some((s) => eq(s, view.severity))) return false;
  if (conditions.service) {
    const services = event.service !== undefined ? [event.service] : view.services.map((s) => s.id);
    if (!conditions.service.some((s) => services.includes(s))) return false;
  }
  if (conditions.type && !conditions.type.includes(view.type)) return false;
  if (conditions.private !== undefined && conditions.private !== view.isPrivate) return false;
  return true;
}

const triggerOf = (rule: Rule): TriggerName => ('change' in rule.on ? rule.on.change : rule.on.timed);

/** The values templates are filled with; in a dry run, what is not known yet is said so. */
export function templateValues(view: IncidentView): TemplateValues {
  return {
    number: view.number === null ? '(number)' : String(view.number),
    title: view.title,
    severity: view.severity,
    services: view.services.map((s) => s.name).join(', '),
    channel: view.channelName ?? '(channel)',
    commander: view.commanderId,
    link: view.channelId ? `https://slack.com/app_redirect?channel=${view.channelId}` : null,
  };
}

/** One action as decided now: targets resolved against the incident and the catalog, templates filled. */
export function planAction(action: RuleAction, view: IncidentView, catalog: readonly Service[]): PlannedAction {
  const values = templateValues(view);
  switch (action.kind) {
    case 'invite': {
      const { users = [], usergroup, service } = action.spec;
      const owners = service ? catalog.find((s) => s.id === service)?.owners : undefined;
      return {
        kind: 'invite',
        users: [...new Set([...users, ...(owners?.users ?? [])])],
        usergroups: [...new Set([...(usergroup ? [usergroup] : []), ...(owners?.usergroup ? [owners.usergroup] : [])])],
        service: service ?? null,
      };
    }
    case 'post':
      return { kind: 'post', text: fillText(action.spec, values) };
    case 'dm': {
      const { role, users, text } = action.spec;
      const holder = role ? view.roles[role] : undefined;
      return {
        kind: 'dm',
        users: role ? (holder ? [holder] : []) : (users ?? []),
        role: role ?? null,
        text: fillText(text, values),
      };
    }
    case 'attach':
      return { kind: 'attach', checklist: typeof action.spec === 'string' ? action.spec : action.spec.checklist };
    case 'bookmark': {
      const spec = typeof action.spec === 'string' ? { link: action.spec } : action.spec;
      const title = spec.title
        ? fillText(spec.title, values)
            .map((s) => (typeof s === 'string' ? s : ''))
            .join('')
        : '';
      return { kind: 'bookmark', title: title || 'Link', link: fillUrl(spec.link, values) };
    }
    case 'followup': {
      const { owner, text, due } = action.spec;
      const isRole = owner !== undefined && !/^[UW][A-Z0-9]{2,}$/.test(owner);
      return {
        kind: 'followup',
        text: fillText(text, values),
        ownerId: isRole ? (view.roles[owner as string] ?? null) : (owner ?? null),
        role: isRole ? (owner as string) : null,
        dueIn: due ?? null,
      };
    }
    case 'webhook':
      return { kind: 'webhook', event: action.spec.event, url: action.spec.url ?? null };
    case 'escalate':
      return { kind: 'escalate', level: action.spec.level ?? null, rotation: action.spec.rotation ?? null };
  }
}

/**
 * The rules that fire on this event for this incident, and what each does: the one decision the
 * live run (the after-change hook and the scheduler) and the dry run (`npm run rules -- test`)
 * both make, so they cannot disagree.
 */
export function firingsFor(
  rules: readonly Rule[],
  event: RuleEvent,
  view: IncidentView,
  catalog: readonly Service[],
): Firing[] {
  return rules
    .filter((rule) => triggerOf(rule) === event.trigger && meets(rule.if, view, event))
    .map((rule) => ({
      rule: rule.name,
      occurrence: event.occurrence,
      actions: rule.do.map((action) => planAction(action, view, catalog)),
    }));
}
