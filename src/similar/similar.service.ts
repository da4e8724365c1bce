import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import { isDrill } from '../incidents/incident-types';
import { canSee, type MembershipLookup } from '../incidents/visibility';
import type { Repositories } from '../store';
import { type Candidate, rankSimilar } from './rank';
import { searchWords } from './search-words';
import type { SimilarIncident } from './similar.types';

/** How many matches by words are ranked again with services, alerts and recency. */
const CANDIDATES = 30;

export type { SimilarIncident };

/** Who will read the suggestions: anyone (a kick-off), or one person, who may see private incidents. */
export type Audience = { public: true } | { viewer: string };

export type SimilarIncidents = ReturnType<typeof createSimilarIncidents>;

export function createSimilarIncidents(deps: {
  store: Repositories<'incidentSearch' | 'incidentServices'>;
  policy: Policy;
  clock: Clock;
  /** Whether a person is in a channel (for private incidents); fails closed when it cannot say. */
  isMember?: (channelId: string, userId: string) => Promise<boolean>;
}) {
  const { store, policy, clock } = deps;
  const memberOf =
    (viewer: string): MembershipLookup =>
    (channelId) =>
      deps.isMember ? deps.isMember(channelId, viewer).catch(() => false) : Promise.resolve(false);

  async function readable(incidents: Incident[], audience: Audience): Promise<Incident[]> {
    if ('public' in audience) return incidents.filter((i) => !i.isPrivate);
    const members = memberOf(audience.viewer);
    const allowed = await Promise.all(incidents.map((i) => canSee(i, audience.viewer, policy, members)));
    return incidents.filter((_, n) => allowed[n]);
  }

  async function find(
    text: string,
    looking: { services: readonly string[]; alerts: readonly string[]; exclude: number },
    audience: Audience,
    limit: number,
  ): Promise<SimilarIncident[]> {
    const found = await store.incidentSearch.resolvedMatching(searchWords(text), looking.exclude, CANDIDATES);
    const scores = new Map(found.map((f) => [f.incident.id, f.score]));
    const shown = await readable(
      found.map((f) => f.incident).filter((i) => !isDrill(i)),
      audience,
    );
    const ids = shown.map((i) => i.id);
    const [services, alerts] = await Promise.all([
      store.incidentSearch.servicesOf(ids),
      store.incidentSearch.alertsOf(ids),
    ]);
    const candidates: Candidate[] = shown.map((incident) => ({
      incident,
      textScore: scores.get(incident.id) ?? 0,
      services: services.get(incident.id) ?? [],
      alerts: alerts.get(incident.id) ?? [],
    }));
    return rankSimilar(candidates, { ...looking, now: clock.now() }, limit).map(({ incident }) => ({
      incident,
      durationMs: (incident.resolvedAt ?? incident.declaredAt) - incident.declaredAt,
    }));
  }

  return {
    /** Up to three resolved incidents most like `incident` (its title and impact, services and alerts). */
    async like(incident: Incident, audience: Audience, limit = 3): Promise<SimilarIncident[]> {
      const [services, alerts] = await Promise.all([
        store.incidentServices.of(incident.id),
        store.incidentSearch.alertsOf([incident.id]),
      ]);
      return find(
        `${incident.title} ${incident.impact}`,
        { services, alerts: alerts.get(incident.id) ?? [], exclude: incident.id },
        audience,
        limit,
      );
    },
    /** Resolved incidents whose words are most like `text` (a title typed into a form, a search). */
    async matching(
      text: string,
      audience: Audience,
      o: { services?: readonly string[]; limit?: number } = {},
    ): Promise<SimilarIncident[]> {
      return find(text, { services: o.services ?? [], alerts: [], exclude: 0 }, audience, o.limit ?? 3);
    },
  };
}
