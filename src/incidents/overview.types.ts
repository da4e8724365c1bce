import type { Incident } from './incident.types';
import type { IncidentStats } from './stats';

export interface IncidentOverview {
  incident: Incident;
  openFollowups: number;
  now: number;
}

export interface HomeOverview {
  /** Open incidents the viewer declared, leads or holds a role in. */
  mine: Incident[];
  /** The other open incidents the viewer may see. */
  others: Incident[];
  stats: IncidentStats;
  now: number;
}
