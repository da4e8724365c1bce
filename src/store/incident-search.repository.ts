import type { Incident } from '../incidents/incident.types';
import { toIncident } from './incidents.repository';
import { placeholders, type Sql } from './sql';

export type IncidentSearchRepository = ReturnType<typeof createIncidentSearchRepository>;

/**
 * Below this many incidents every word is ranked; from here on, a word more than half of the
 * latest COMMON_WORDS_WINDOW hold is not: so common a word says little (bm25 gives a word most
 * incidents hold no weight: FTS5 floors its IDF), yet it matches nearly every incident, and ranking
 * them all is what made a search of 10,000 slow. Counted in the latest only, so the count costs the same in any history and on both engines.
 */
export const COMMON_WORDS_FROM = 1_000;
export const COMMON_WORDS_WINDOW = 200;

/** A resolved incident the full-text index found, and how well its words matched (higher is better). */
export interface TextMatch {
  incident: Incident;
  score: number;
}

/**
 * The full-text index over incidents (migration 0026; triggers keep it current) and what ranking
 * similar incidents reads beside it: the services and alert names of the incidents found.
 */
export function createIncidentSearchRepository(q: Sql) {
  return {
    /**
     * The best `limit` resolved incidents (not `exclude`) holding any of `words`, best first: by the
     * words not common (COMMON_WORDS_FROM), then the most recent holding the common ones.
     */
    async resolvedMatching(words: readonly string[], exclude: number, limit: number): Promise<TextMatch[]> {
      if (words.length === 0) return [];
      // Incidents are numbered without reuse and never deleted: the latest are the highest numbers.
      const last = Number((await q.one<{ n: number | null }>('SELECT MAX(id) AS n FROM incidents'))?.n ?? 0);
      const after = last - COMMON_WORDS_WINDOW;
      const common = last < COMMON_WORDS_FROM ? new Set<string>() : await q.specific.commonWords(q, words, after);
      const telling = words.filter((w) => !common.has(w));
      const rows = telling.length > 0 ? await q.specific.searchResolved(q, telling, exclude, limit) : [];
      // Too few found by telling words: the most recent holding the common ones fill up, their words
      // scoring nothing. Half the latest hold each, so they are found among those, read by number.
      if (rows.length < limit && common.size > 0) {
        const found = new Set(rows.map((r) => r.id));
        for (const row of await q.specific.searchResolved(q, [...common], exclude, limit, 'recent', after))
          if (rows.length < limit && !found.has(row.id)) rows.push({ ...row, score: 0 });
      }
      return rows.map((row) => ({ incident: toIncident(row), score: Number(row.score) }));
    },
    /** Each incident's affected services (an incident with none is absent). */
    async servicesOf(incidentIds: readonly number[]): Promise<Map<number, string[]>> {
      const found = new Map<number, string[]>();
      if (incidentIds.length === 0) return found;
      const rows = await q.all<{ incident_id: number; service_id: string }>(
        `SELECT incident_id, service_id FROM incident_services WHERE incident_id IN (${placeholders(incidentIds.length)})`,
        incidentIds,
      );
      for (const row of rows) found.set(row.incident_id, [...(found.get(row.incident_id) ?? []), row.service_id]);
      return found;
    },
    /** The alerts (source and name) that fired on each incident, from its timeline (an incident with none is absent). */
    async alertsOf(incidentIds: readonly number[]): Promise<Map<number, string[]>> {
      const found = new Map<number, string[]>();
      if (incidentIds.length === 0) return found;
      const rows = await q.all<{ incident_id: number; data: string | null }>(
        `SELECT incident_id, data FROM timeline WHERE kind = 'alert_firing' AND removed_at IS NULL AND incident_id IN (${placeholders(incidentIds.length)})`,
        incidentIds,
      );
      for (const row of rows) {
        const name = alertName(row.data);
        if (name) found.set(row.incident_id, [...new Set([...(found.get(row.incident_id) ?? []), name])]);
      }
      return found;
    },
  };
}

/** "source/alert" of an alert_firing entry's data, or null when it has none. */
function alertName(data: string | null): string | null {
  try {
    const parsed = JSON.parse(data ?? 'null') as { source?: unknown; alert?: unknown } | null;
    if (!parsed || typeof parsed.alert !== 'string') return null;
    return `${typeof parsed.source === 'string' ? parsed.source : ''}/${parsed.alert}`;
  } catch {
    return null;
  }
}
