import type { Incident } from '../incidents/incident.types';

/** A resolved incident the index found, with what ranking weighs beside its words. */
export interface Candidate {
  incident: Incident;
  /** How well its words matched (the engine's relevance, higher is better; only relative to the others). */
  textScore: number;
  services: readonly string[];
  /** "source/alert" of the alerts that fired on it. */
  alerts: readonly string[];
}

/** What the incident looked for has beside its words. */
export interface Looking {
  services: readonly string[];
  alerts: readonly string[];
  now: number;
}

/**
 * How much each thing counts, relevance being 0..1 (the best match found is 1). A shared service or
 * alert outweighs a modest difference in wording; a written root cause and recency only break near-ties.
 */
export const WEIGHTS = { sharedService: 0.5, sameAlert: 0.5, rootCause: 0.15, recency: 0.1 } as const;

/** Recency's weight halves every this long after an incident was resolved. */
const RECENCY_HALF_LIFE_MS = 90 * 24 * 3_600_000;

const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** The score ranking orders by (pure, so the unit tests can say why one comes before another). */
export function similarityScore(candidate: Candidate, looking: Looking, bestText: number): number {
  const { incident } = candidate;
  const relevance = bestText > 0 ? candidate.textScore / bestText : 0;
  const age = Math.max(0, looking.now - (incident.resolvedAt ?? incident.declaredAt));
  return (
    relevance +
    (shares(candidate.services, looking.services) ? WEIGHTS.sharedService : 0) +
    (shares(candidate.alerts, looking.alerts) ? WEIGHTS.sameAlert : 0) +
    (incident.rootCause?.trim() ? WEIGHTS.rootCause : 0) +
    WEIGHTS.recency * 0.5 ** (age / RECENCY_HALF_LIFE_MS)
  );
}

/** The `limit` candidates most like what is looked for, best first; the newer first on a tie. */
export function rankSimilar(candidates: readonly Candidate[], looking: Looking, limit = 3): Candidate[] {
  const bestText = Math.max(0, ...candidates.map((c) => c.textScore));
  return candidates
    .map((candidate) => ({ candidate, score: similarityScore(candidate, looking, bestText) }))
    .sort((a, b) => b.score - a.score || b.candidate.incident.id - a.candidate.incident.id)
    .slice(0, limit)
    .map((r) => r.candidate);
}
