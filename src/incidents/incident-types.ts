import type { Policy } from '../config/policy';
import type { Incident } from './incident.types';
import { IncidentError, quoted } from './incidents.errors';

export type IncidentType = Policy['types'][number];

/** The type whose incidents are practice: DRILL in every message, left out of every count. */
export const DRILL = 'drill';

export const isDrill = (incident: Pick<Incident, 'type'>): boolean => incident.type === DRILL;

/** What an incident is when nobody says: the policy's first type. */
export const defaultType = (policy: Policy): string => (policy.types[0] as IncidentType).id;

export const findType = (policy: Policy, id: string): IncidentType | undefined =>
  policy.types.find((t) => t.id === id.trim().toLowerCase());

/** Counts, stats and insights are about real incidents: drills are practice and stay out. */
export const countable = <I extends Pick<Incident, 'type'>>(incidents: readonly I[]): I[] =>
  incidents.filter((i) => !isDrill(i));

/** The type asked for (the default when none is), or the sentence naming the ones there are. */
export function requireType(policy: Policy, id: string | undefined): IncidentType {
  const type = findType(policy, id ?? defaultType(policy));
  if (!type)
    throw new IncidentError(
      'invalid_input',
      `Unknown incident type ${quoted(id ?? '')}. Choose one of ${policy.types.map((t) => t.id).join(', ')}.`,
    );
  return type;
}
