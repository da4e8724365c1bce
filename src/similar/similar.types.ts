import type { Incident } from '../incidents/incident.types';

/** A resolved incident like the one at hand, with what the reader is shown of it. */
export interface SimilarIncident {
  incident: Incident;
  /** From declaration to resolution. */
  durationMs: number;
}
