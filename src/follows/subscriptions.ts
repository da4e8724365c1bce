import { findSeverity, type Policy, severityRank } from '../config/policy';
import { isDrill } from '../incidents/incident-types';
import type { Incident } from '../incidents/incident.types';
import type { Subscription, SubscriptionField } from './follows.types';

/** What a person asked to follow: `service:payments` or `severity:SEV1`, as stored. */
export interface SubscriptionWish {
  field: SubscriptionField;
  value: string;
}

/** A wish, or the sentence saying what is wrong with it. */
export type ParsedWish = { ok: true; wish: SubscriptionWish } | { ok: false; problem: string };

const USAGE = 'Say `service:<id>` or `severity:<id>`, e.g. `service:payments` or `severity:SEV1`.';

/**
 * Reads `service:<id>` or `severity:<id>` against the policy: a service must be in the catalog and a
 * severity one of the policy's (any case; stored as the policy spells it). Pure.
 */
export function parseWish(text: string, policy: Policy): ParsedWish {
  const match = /^\s*(service|severity)\s*[:=]\s*(\S+)\s*$/i.exec(text);
  if (!match) return { ok: false, problem: USAGE };
  const field = (match[1] as string).toLowerCase() as SubscriptionField;
  const value = match[2] as string;
  if (field === 'severity') {
    const severity = findSeverity(policy, value);
    if (!severity)
      return {
        ok: false,
        problem: `There is no severity "${value}". Severities: ${policy.severities.map((s) => s.id).join(', ')}.`,
      };
    return { ok: true, wish: { field, value: severity.id } };
  }
  const service = policy.services.find((s) => s.id.toLowerCase() === value.toLowerCase());
  if (!service) {
    const known = policy.services.map((s) => s.id).join(', ');
    return {
      ok: false,
      problem: known ? `There is no service "${value}". Services: ${known}.` : 'The catalog has no services to follow.',
    };
  }
  return { ok: true, wish: { field, value: service.id } };
}

/**
 * Whether a subscription follows this incident: a service subscription when the incident hurts
 * that service, a severity one when the incident is that severe or more. Drills follow nobody: a
 * subscription is for real trouble.
 */
export function matches(
  subscription: SubscriptionWish,
  incident: Pick<Incident, 'severity' | 'type'>,
  services: readonly string[],
  policy: Policy,
): boolean {
  if (isDrill(incident)) return false;
  if (subscription.field === 'service') return services.includes(subscription.value);
  const wanted = severityRank(policy, subscription.value);
  const rank = severityRank(policy, incident.severity);
  return wanted >= 0 && rank >= 0 && rank <= wanted;
}

/** The severities a `severity:` subscription matching this incident may name: its own and every milder one. */
export function severitiesAtOrBelow(policy: Policy, severity: string): string[] {
  const rank = severityRank(policy, severity);
  return rank < 0 ? [] : policy.severities.slice(rank).map((s) => s.id);
}

/** The subscriptions among `candidates` that follow this incident, one per person (the oldest). */
export function followingFor(
  candidates: readonly Subscription[],
  incident: Pick<Incident, 'severity' | 'type'>,
  services: readonly string[],
  policy: Policy,
): Subscription[] {
  const byPerson = new Map<string, Subscription>();
  for (const s of [...candidates].sort((a, b) => a.id - b.id))
    if (!byPerson.has(s.userId) && matches(s, incident, services, policy)) byPerson.set(s.userId, s);
  return [...byPerson.values()];
}

/** How a subscription reads, in words a person typed: `service:payments`. */
export const wishText = (s: SubscriptionWish): string => `${s.field}:${s.value}`;
