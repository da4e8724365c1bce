/** What happened; the kinds the bot records itself. Later features add their own. */
export type TimelineKind = 'declared' | 'channel_created' | 'status_update' | 'resolved' | (string & {});

export interface TimelineEntry {
  id: number;
  incidentId: number;
  at: number;
  kind: TimelineKind;
  actorId: string | null;
  text: string;
  data: Record<string, unknown> | null;
}

export interface NewTimelineEntry {
  incidentId: number;
  at: number;
  kind: TimelineKind;
  actorId?: string | null;
  text?: string;
  data?: Record<string, unknown>;
  /** Identifies the source (a captured message, a command invocation) so it is recorded once. */
  sourceKey?: string;
}

export interface Followup {
  id: number;
  incidentId: number;
  text: string;
  ownerId: string | null;
  createdBy: string;
  createdAt: number;
  doneAt: number | null;
}
