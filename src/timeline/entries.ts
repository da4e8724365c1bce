import type { RichText } from '../text/rich-text';
import type { EntryData, NewTimelineEntry, TimelineKind } from './timeline.types';

/** Which incident, when, and who did it (null: Commander itself). */
export interface EntryContext {
  incidentId: number;
  at: number;
  actorId?: string | null;
}

function entry<K extends TimelineKind>(
  kind: K,
  context: EntryContext,
  data: EntryData[K],
  sourceKey?: string,
): NewTimelineEntry {
  const made = { incidentId: context.incidentId, at: context.at, actorId: context.actorId ?? null, kind, data };
  return (sourceKey === undefined ? made : { ...made, sourceKey }) as NewTimelineEntry;
}

/**
 * The one place timeline entries are made: one constructor per kind, each taking what happened as
 * data. Words come later, from whoever shows the entry (src/slack, src/postmortem).
 */
export const entries = {
  declared: (
    c: EntryContext,
    d: {
      title: string;
      severity: string;
      commanderId: string;
      impact: string;
      isPrivate: boolean;
      type?: string;
      retroactive?: boolean;
    },
  ) =>
    entry('declared', c, {
      title: d.title,
      severity: d.severity,
      commanderId: d.commanderId,
      impact: d.impact,
      private: d.isPrivate,
      type: d.type ?? 'incident',
      ...(d.retroactive ? { retroactive: true } : {}),
    }),

  channelCreated: (c: EntryContext, channel: { id: string; name: string }) =>
    entry('channel_created', c, { channelId: channel.id, channelName: channel.name }),

  statusUpdate: (c: EntryContext, d: EntryData['status_update']) => entry('status_update', c, d),

  resolved: (c: EntryContext, d: { from: string; resolution: string; rootCause: string | null; declaredAt: number }) =>
    entry('resolved', c, {
      from: d.from,
      resolution: d.resolution,
      rootCause: d.rootCause,
      durationMs: c.at - d.declaredAt,
    }),

  severityChanged: (c: EntryContext, d: EntryData['severity_changed']) => entry('severity_changed', c, d),

  roleAssigned: (c: EntryContext, d: EntryData['role_assigned']) => entry('role_assigned', c, d),

  reopened: (c: EntryContext, d: EntryData['reopened']) => entry('reopened', c, d),

  archived: (c: EntryContext) => entry('archived', c, {}),

  archiveFailed: (c: EntryContext, code: string) => entry('archive_failed', c, { code }),

  reminderSent: (c: EntryContext, d: EntryData['reminder_sent']) => entry('reminder_sent', c, d),

  reminderFailed: (c: EntryContext, d: EntryData['reminder_failed']) => entry('reminder_failed', c, d),

  /** An update came after `missed` unanswered reminders. */
  reminderAnswered: (c: EntryContext, missed: number) => entry('reminder_answered', c, { missed }),

  reminderSnoozed: (c: EntryContext, until: number) => entry('reminder_snoozed', c, { until }),

  escalated: (c: EntryContext, d: EntryData['escalated']) => entry('escalated', c, d),

  escalationFailed: (c: EntryContext, d: EntryData['escalation_failed']) => entry('escalation_failed', c, d),

  acknowledged: (c: EntryContext, d: EntryData['acknowledged']) => entry('acknowledged', c, d),

  acknowledgementOverdue: (c: EntryContext, d: EntryData['acknowledgement_overdue']) =>
    entry('acknowledgement_overdue', c, d),

  commsReminder: (c: EntryContext, d: EntryData['comms_reminder']) => entry('comms_reminder', c, d),
  publishReminder: (c: EntryContext, d: EntryData['publish_reminder']) => entry('publish_reminder', c, d),
  ruleAction: (c: EntryContext, d: EntryData['rule_action']) => entry('rule_action', c, d),

  /** A chat message, at the time it was sent; recorded once per message (`sourceKey`). */
  message: (c: EntryContext, d: Omit<EntryData['message'], 'body'> & { body: RichText }, sourceKey: string) =>
    entry('message', c, d, sourceKey),

  /** A note; `requestKey` keeps a redelivered command from adding it twice. */
  note: (c: EntryContext, d: { source: string; body: RichText }, requestKey: string) =>
    entry('note', c, d, `note:${requestKey}`),

  followupAdded: (c: EntryContext, d: EntryData['followup_added']) => entry('followup_added', c, d),

  followupDone: (c: EntryContext, d: EntryData['followup_done']) => entry('followup_done', c, d),

  /** Recorded once per follow-up's issue. */
  followupIssue: (c: EntryContext, d: EntryData['followup_issue']) =>
    entry('followup_issue', c, d, `followup-issue:${d.followupId}`),
  followupIssueRefused: (c: EntryContext, d: EntryData['followup_issue_refused']) =>
    entry('followup_issue_refused', c, d),
  /** Recorded once per incident, level and action. */
  paged: (c: EntryContext, d: EntryData['paged']) => entry('paged', c, d, `paged:${d.level}:${d.action}`),

  alertFiring: (c: EntryContext, d: EntryData['alert_firing']) => entry('alert_firing', c, d),

  alertResolved: (c: EntryContext, d: EntryData['alert_resolved']) => entry('alert_resolved', c, d),

  alertSeverityUnknown: (c: EntryContext, d: EntryData['alert_severity_unknown']) =>
    entry('alert_severity_unknown', c, d),

  keyTimeCorrected: (c: EntryContext, d: EntryData['key_time_corrected']) => entry('key_time_corrected', c, d),

  postmortemStepDone: (c: EntryContext, d: EntryData['postmortem_step_done']) => entry('postmortem_step_done', c, d),
  postmortemUploaded: (c: EntryContext, d: EntryData['postmortem_uploaded']) => entry('postmortem_uploaded', c, d),

  serviceAdded: (c: EntryContext, d: EntryData['service_added']) => entry('service_added', c, d),
  serviceRemoved: (c: EntryContext, d: EntryData['service_removed']) => entry('service_removed', c, d),

  linked: (c: EntryContext, d: EntryData['linked']) => entry('linked', c, d),
  serviceUnknown: (c: EntryContext, d: EntryData['service_unknown']) => entry('service_unknown', c, d),
  /** Recorded once per publication (its update id). */
  statuspagePublished: (c: EntryContext, d: EntryData['statuspage_published']) =>
    entry('statuspage_published', c, d, `statuspage:${d.updateId}`),

  checklistAttached: (c: EntryContext, d: EntryData['checklist_attached']) => entry('checklist_attached', c, d),
  checklistItemAdded: (c: EntryContext, d: EntryData['checklist_item_added']) => entry('checklist_item_added', c, d),
  checklistItemTicked: (c: EntryContext, d: EntryData['checklist_item_ticked']) => entry('checklist_item_ticked', c, d),
  /** Recorded once per briefing. */
  commanderBriefed: (c: EntryContext, d: EntryData['commander_briefed']) =>
    entry('commander_briefed', c, d, `commander-briefing:${d.briefingId}`),
};
