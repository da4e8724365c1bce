import { findSeverity, type Policy, severityRank } from '../../config/policy';
import { type Incident, STATUS_LABELS, type Status } from '../../incidents/incident.types';
import { isDrill } from '../../incidents/incident-types';
import { LIMITS, plain, safeMrkdwn } from './text';

const SEVERITY_MARKS = ['🔴', '🟠', '🟡', '🔵', '⚪'];
const STATUS_MARKS: Record<Status, string> = {
  investigating: '🔍',
  identified: '🎯',
  mitigating: '🛠️',
  monitoring: '👀',
  resolved: '✅',
};

export function severityMark(policy: Policy, severityId: string): string {
  const rank = severityRank(policy, severityId);
  return SEVERITY_MARKS[Math.min(Math.max(rank, 0), SEVERITY_MARKS.length - 1)] as string;
}

/** "SEV1 · Critical" */
export function severityLabel(policy: Policy, severityId: string): string {
  const severity = findSeverity(policy, severityId);
  return severity ? `${severity.id} · ${severity.name}` : severityId;
}

export const statusLabel = (status: Status): string => `${STATUS_MARKS[status]} ${STATUS_LABELS[status]}`;

/**
 * Before the title of a drill, wherever an incident is named (kick-off, announcement, reminders,
 * escalations, lists): nobody who reads only a notification may take practice for the real thing.
 */
const drillMark = (incident: Incident): string => (isDrill(incident) ? '[DRILL] ' : '');

/** "#12 Checkout errors" (a drill's "#12 [DRILL] Checkout errors") as mrkdwn, the title escaped and kept short. */
export const incidentRef = (incident: Incident, max = 200): string =>
  `#${incident.id} ${drillMark(incident)}${safeMrkdwn(incident.title, max)}`;

/** Plain-text reference for notification fallbacks and titles. */
export const incidentRefPlain = (incident: Incident, max = 200): string =>
  `#${incident.id} ${drillMark(incident)}${plain(incident.title, max)}`;

export const channelLink = (incident: Incident): string =>
  incident.channelId ? `<#${incident.channelId}>` : `#${incident.channelName ?? `incident-${incident.id}`}`;

/** The channel topic: no markup is rendered there except mentions, and it holds 250 characters. */
export function topicFor(incident: Incident, policy: Policy): string {
  const head = `${drillMark(incident)}${severityLabel(policy, incident.severity)} | ${STATUS_LABELS[incident.status]} | Commander <@${incident.commanderId}> | `;
  // Topics render mentions but not entities, so angle brackets are dropped rather than escaped.
  return head + plain(incident.title.replace(/[<>]/g, ''), Math.max(LIMITS.topic - head.length, 10));
}

/** The header both the pinned summary and `/incident status` open with. */
export const incidentHeaderText = (policy: Policy, incident: Incident): string =>
  `${severityMark(policy, incident.severity)} ${incidentRefPlain(incident, 140)}`;

/** The fields every view of an incident starts with: severity, status, commander. */
export const coreFields = (policy: Policy, incident: Incident): string[] => [
  `*Severity*\n${severityLabel(policy, incident.severity)}`,
  `*Status*\n${statusLabel(incident.status)}`,
  `*Commander*\n<@${incident.commanderId}>`,
];
