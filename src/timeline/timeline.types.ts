import type { PlannedAction } from '../rules/actions';
import type { RichText } from '../text/rich-text';

/**
 * What each kind of entry records, as data: ids, statuses, old and new values, never a sentence.
 * Text people wrote is kept as they wrote it (`source`, as the chat platform delivered it) and,
 * for what they wrote in the chat, as RichText (`body`). `src/timeline/entries.ts` makes them.
 */
export interface EntryData {
  declared: {
    title: string;
    severity: string;
    commanderId: string;
    impact: string;
    private: boolean;
    /** The policy's type id (absent from entries written before types). */
    type?: string;
    /** Recorded after it ended (`/incident record`); the entry is at the start typed in. */
    retroactive?: boolean;
  };
  channel_created: { channelId: string; channelName: string };
  status_update: { from: string; to: string; summary: string; impact: string; nextSteps: string; updateId: number };
  resolved: { from: string; resolution: string; rootCause: string | null; durationMs: number };
  severity_changed: { from: string; to: string; reason: string };
  role_assigned: { role: string; roleName: string; from: string | null; to: string };
  reopened: { reason: string; resolvedAt: number | null; archiveWasDueAt: number | null };
  archived: Record<string, never>;
  archive_failed: { code: string };
  reminder_sent: {
    to: string;
    reminder: number;
    sinceLastUpdate: number /** When the reminder fell due, for how late it went out. */;
    dueAt?: number | null;
  };
  reminder_failed: { to: string; code: string };
  reminder_answered: { missed: number };
  reminder_snoozed: { until: number };
  /**
   * People called in. `step` and `name`: the ladder level (absent for a person named by hand and in
   * entries older than ladders); `trigger`: its time, missed updates, or `/incident escalate`.
   */
  escalated: {
    level: string;
    users: string[];
    usergroup: string | null;
    missed: number;
    step?: number;
    name?: string;
    trigger?: 'time' | 'missed_updates' | 'manual';
    reason?: string;
  };
  /** Somebody acknowledged the incident: its commander, or a person called in (`self`: by declaring or taking it). */
  acknowledged: { by: string; commanderId: string; self: boolean };
  /** The commander did not acknowledge within the severity's acknowledgeWithin. */
  acknowledgement_overdue: { commanderId: string; within: number };
  /** The comms role was still unassigned commsWithin after the declaration; the commander was reminded. */
  comms_reminder: { commanderId: string; within: number };
  /** A public incident had published nothing to the status page `within` after the clock started; `userId` (the comms role, else the commander) was reminded. */
  publish_reminder: { userId: string; within: number };
  escalation_failed: { level: string; code: string };
  message: {
    channelId: string;
    ts: string;
    permalink: string | null;
    addedBy: string;
    addedAt: number;
    source: string;
    body?: RichText;
  };
  note: { source: string; body?: RichText };
  followup_added: { followupId: number; ownerId: string | null; text: string };
  followup_done: {
    followupId: number;
    text: string /** Closed in its tracker (`github`, …), seen by a sync. */;
    tracker?: string;
  };
  /** The follow-up's issue was made in a tracker (or found, made before a lost answer). */
  followup_issue: { followupId: number; tracker: string; key: string; url: string };
  /** The tracker refused to make or close the follow-up's issue; `reason` is what it said. */
  followup_issue_refused: { followupId: number; tracker: string; status: number; reason: string };
  /** A PagerDuty event went out for a ladder level: trigger, acknowledge or resolve. */
  paged: { level: number; action: string; dedupKey: string };
  /** An alert of the incident's group started firing (`again`: it had resolved before). */
  alert_firing: { source: string; fingerprint: string; alert: string; link: string | null; again: boolean };
  alert_resolved: { source: string; alerts: string[]; fingerprints: string[] };
  /** The alert's severity label matched no severity; the incident got `severity`. */
  alert_severity_unknown: { source: string; label: string; severity: string };
  /** The commander corrected a key time (impactStarted, detected, acknowledged, mitigated, resolved). */
  key_time_corrected: { key: string; label: string; from: number | null; to: number };
  /** A step of a required postmortem was marked done (report, draft, meeting, actions). */
  postmortem_step_done: { step: string };
  /** The postmortem document was shared in the incident's channel (a draft while the incident is open). */
  postmortem_uploaded: { draft: boolean; fileName: string };
  /** A catalog service was added to the incident's affected services (`name` as the catalog had it then). */
  service_added: { serviceId: string; name: string };
  service_removed: { serviceId: string; name: string };
  /** An alert named a service the catalog does not know (`name` as the label had it); nothing was added. */
  service_unknown: { name: string; source: string };
  /** Linked to another incident; `link` says what the other is to this one (related, duplicate_of, parent_of…). */
  linked: {
    otherId: number;
    otherTitle: string;
    link: 'related' | 'duplicate_of' | 'duplicated_by' | 'child_of' | 'parent_of';
  };
  /**
   * One action of a rule that fired (src/rules): what it did (`done`), that it reached nobody
   * (`skipped`: a role nobody holds), or that it gave up (`failed`, with the chat platform's code).
   */
  rule_action: {
    rule: string;
    firingId: number;
    action: PlannedAction;
    outcome: 'done' | 'skipped' | 'failed';
    code?: string;
  };
  /** A public update went to the status page: its public text and what it said of each component. */
  statuspage_published: {
    publicId: string;
    updateId: string;
    status: string;
    body: string;
    components: Array<{ id: string; status: string }>;
  };
  /** A checklist was attached: by the policy's condition (`rule` absent) or by a rule. */
  checklist_attached: { listId: string; title: string; items: number; rule?: string };
  /** An item was added in the channel (`/incident task add`), with its owner if one was named. */
  checklist_item_added: { itemId: number; text: string; ownerId: string | null };
  /** Someone ticked an item (`done`), or took the tick back. */
  checklist_item_ticked: { itemId: number; listId: string; text: string; done: boolean };
  /** A new commander was sent a briefing from the timeline (src/handoffs), once per change of commander. */
  commander_briefed: { to: string; briefingId: number };
}

/** What happened: a closed list, so every surface that renders entries handles every kind. */
export type TimelineKind = keyof EntryData;

export const TIMELINE_KINDS = [
  'declared',
  'channel_created',
  'status_update',
  'resolved',
  'severity_changed',
  'role_assigned',
  'reopened',
  'archived',
  'archive_failed',
  'reminder_sent',
  'reminder_failed',
  'reminder_answered',
  'reminder_snoozed',
  'escalated',
  'escalation_failed',
  'acknowledged',
  'acknowledgement_overdue',
  'comms_reminder',
  'publish_reminder',
  'message',
  'note',
  'followup_added',
  'followup_done',
  'followup_issue',
  'followup_issue_refused',
  'paged',
  'alert_firing',
  'alert_resolved',
  'alert_severity_unknown',
  'key_time_corrected',
  'postmortem_step_done',
  'postmortem_uploaded',
  'service_added',
  'service_removed',
  'service_unknown',
  'statuspage_published',
  'checklist_attached',
  'checklist_item_added',
  'checklist_item_ticked',
  'linked',
  'rule_action',
  'commander_briefed',
] as const satisfies readonly TimelineKind[];

type EntryOf<K extends TimelineKind> = { kind: K; data: EntryData[K] };

/** An entry's kind and data, as one discriminated union: `if (e.kind === 'note') e.data.source`. */
export type TimelineEvent = { [K in TimelineKind]: EntryOf<K> }[TimelineKind];

export type TimelineEntry = TimelineEvent & {
  id: number;
  incidentId: number;
  at: number;
  actorId: string | null;
};

export type NewTimelineEntry = TimelineEvent & {
  incidentId: number;
  at: number;
  actorId: string | null;
  /** Identifies the source (a captured message, a command invocation) so it is recorded once. */
  sourceKey?: string;
};

declare const recorded: unique symbol;

/**
 * An entry with the plain line the `text` column keeps beside it, as only the recorder
 * (src/timeline/record.ts) makes them: the repositories take nothing else, so an entry cannot be
 * written past the recorder's listeners (webhooks, metrics) without a cast that says so.
 */
export type RecordedEntry<E extends NewTimelineEntry | TimelineEntry = NewTimelineEntry> = E & {
  text: string;
  readonly [recorded]: true;
};

export interface Followup {
  id: number;
  incidentId: number;
  text: string;
  ownerId: string | null;
  createdBy: string;
  createdAt: number;
  doneAt: number | null;
  /** When it should be done by; an overdue one nudges its owner. */
  dueAt: number | null;
  /** Its issue in a tracker (src/trackers), once made; null when it has none. */
  issue: FollowupIssue | null;
}

/** A follow-up's issue: which tracker, the key people know it by (#12, OPS-4, ENG-7), its link. */
export interface FollowupIssue {
  tracker: string;
  key: string;
  url: string;
  closed: boolean;
}
