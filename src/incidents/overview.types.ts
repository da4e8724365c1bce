import type { Incident } from './incident.types';
import type { Followup } from '../timeline/timeline.types';
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
  /** The viewer's open follow-ups across the incidents they may see, soonest due first. */
  followups: Array<{ followup: Followup; incident: Incident }>;
  /** Resolved incidents the viewer may see whose postmortem has a step past due. */
  postmortemsOverdue: Incident[];
}
