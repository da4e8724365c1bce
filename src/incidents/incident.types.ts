export const STATUSES = ['investigating', 'identified', 'mitigating', 'monitoring', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses an update can set; Resolved has its own flow because it closes the incident. */
export const UPDATE_STATUSES = ['investigating', 'identified', 'mitigating', 'monitoring'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  mitigating: 'Mitigating',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export interface Incident {
  id: number;
  title: string;
  severity: string;
  status: Status;
  impact: string;
  commanderId: string;
  declaredBy: string;
  declaredAt: number;
  resolvedAt: number | null;
  resolution: string | null;
  rootCause: string | null;
  lastUpdateAt: number | null;
  channelId: string | null;
  channelName: string | null;
  kickoffTs: string | null;
  announcementTs: string | null;
  setupDoneAt: number | null;
  sourceViewId: string | null;
  /** Role id → Slack user id for the roles other than commander (commanderId holds that one). */
  roles: Record<string, string>;
  /** A security incident: private channel, no public announcement, visible only to its members. */
  isPrivate: boolean;
  /** When the resolved incident's channel is due to be archived (archiveAfter), if it is. */
  archiveDueAt: number | null;
  archivedAt: number | null;
  /** When someone first acknowledged the incident (the commander, or a person called in); null: nobody yet. */
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  /** One of the policy's `types:` ids (incident, security, drill, maintenance by default). */
  type: string;
  /** Recorded after it ended (`/incident record`): no reminders or escalation, ever. */
  retroactive: boolean;
}

export interface StatusUpdate {
  id: number;
  incidentId: number;
  requestKey: string;
  status: Status;
  summary: string;
  impact: string;
  nextSteps: string;
  authorId: string;
  postedAt: number;
  messageTs: string | null;
  mirrorTs: string | null;
}

export const isOpen = (incident: Incident): boolean => incident.resolvedAt === null;
