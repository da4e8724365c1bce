/** The events Commander sends to webhooks: a closed list, so receivers and the policy can name them. */
export const EVENT_TYPES = [
  'incident.declared',
  'incident.updated',
  'incident.severity_changed',
  'incident.role_assigned',
  'incident.resolved',
  'incident.reopened',
  'postmortem.uploaded',
  'followup.added',
  'followup.done',
  'statuspage.published',
  /** A team's rule sent it (its `webhook` action, src/rules): the rule and the event name it gave. */
  'rule.fired',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
