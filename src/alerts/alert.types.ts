/** Which endpoint a notification came in on; each has its own payload and credentials. */
export const ALERT_KINDS = ['alertmanager', 'grafana', 'generic'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertStatus = 'firing' | 'resolved';

/** One alert of a group, as far as Commander needs it. */
export interface AlertItem {
  /** Stable per alert (its labels); what tells a repeat from a new alert in the group. */
  fingerprint: string;
  status: AlertStatus;
  /** The alert's name (alertname label, or the generic title), for the timeline. */
  name: string;
  link: string | null;
}

/**
 * A notification from any of the three senders, reduced to one shape: a group of alerts that
 * share a key, and the labels the routes match on.
 */
export interface AlertNotification {
  kind: AlertKind;
  /** Same key, same group: an Alertmanager/Grafana groupKey or the generic dedupKey. */
  groupKey: string;
  status: AlertStatus;
  /** Labels every alert of the group has: what routes match and templates read. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** A title the sender gave (generic, Grafana), else null: the route's template or the labels decide. */
  title: string | null;
  description: string;
  link: string | null;
  alerts: AlertItem[];
}

/** What became of a notification; also the metric's `outcome` label (a fixed set, never user text). */
export const ALERT_OUTCOMES = [
  'declared',
  'attached',
  'repeat',
  'resolved_note',
  'notified',
  'dropped',
  'unrouted',
  'ignored',
  'failed',
] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];
