/** What the public status page holds: only what was published (docs/status-page.md). */

export const PUBLIC_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** What a publication may say of a component; under_maintenance comes only from a maintenance window. */
export const OUTAGE_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export type OutageStatus = (typeof OUTAGE_STATUSES)[number];
export type ComponentStatus = OutageStatus | 'under_maintenance';

/** Worst last: a component shows the worst of what its incidents and maintenance windows say. */
export const STATUS_ORDER: readonly ComponentStatus[] = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
];

export const worse = (a: ComponentStatus, b: ComponentStatus): ComponentStatus =>
  STATUS_ORDER.indexOf(a) >= STATUS_ORDER.indexOf(b) ? a : b;

export type Impact = 'none' | 'minor' | 'major' | 'critical';
const IMPACT_OF: Record<ComponentStatus, Impact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};
export const impactOf = (status: ComponentStatus): Impact => IMPACT_OF[status];
const IMPACTS: Impact[] = ['none', 'minor', 'major', 'critical'];
export const worseImpact = (a: Impact, b: Impact): Impact => (IMPACTS.indexOf(a) >= IMPACTS.indexOf(b) ? a : b);

/** One component's change in one publication (Statuspage's `affected_components`). */
export interface AffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface PublicIncident {
  publicId: string;
  name: string;
  status: PublicStatus;
  impact: Impact;
  drill: boolean;
  createdAt: number;
  updatedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
}

export interface Publication {
  publicId: string;
  incidentPublicId: string;
  status: PublicStatus;
  body: string;
  affected: AffectedComponent[];
  at: number;
}

export type MaintenanceState = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

export interface Maintenance {
  /** The row's number, for the timed job's lease; never served. */
  id: number;
  publicId: string;
  title: string;
  message: string;
  components: string[];
  startsAt: number;
  endsAt: number;
  state: MaintenanceState;
  createdAt: number;
  updatedAt: number;
  /** When the timed job next has something to do (start, end, or telling a change); null: nothing. */
  nextAt: number | null;
  /** Who scheduled it, and who cancelled or ended it early (chat user ids); never served. */
  createdBy: string | null;
  closedBy: string | null;
  /** The last state announced in chat: a state not yet told keeps the row due until it is. */
  told: MaintenanceState | null;
  /** Its confirmation message in chat, once posted; never served. */
  notice: MessageRef | null;
}

/** A chat message, as the chat platform names it (Slack: channel id and ts). */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** A component's status from `at` on. */
export interface StatusChange {
  componentId: string;
  status: ComponentStatus;
  at: number;
}
