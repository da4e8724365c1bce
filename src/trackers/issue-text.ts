import type { Incident } from '../incidents/incident.types';
import { cutText } from '../text/cut-text';
import type { Followup } from '../timeline/timeline.types';
import type { NewIssue } from './tracker.port';

/** The marker hidden in an issue's body: this install's, this follow-up's. */
export const markerOf = (install: string, followupId: number) => `commander-followup:${install}:${followupId}`;

/** A day as YYYY-MM-DD in the policy's zone: the due date trackers take. */
export function dayIn(ms: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

/**
 * What the issue says: the follow-up's text, the incident it came from and where to find it, its
 * owner by name (trackers do not know Slack ids) and its due date. Plain text: each tracker puts
 * it in its own format, and nothing here is markup.
 */
export function issueOf(o: {
  followup: Followup;
  incident: Incident;
  marker: string;
  incidentLink: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  timezone: string;
}): NewIssue {
  const { followup, incident } = o;
  const lines = [
    followup.text,
    '',
    `Follow-up from incident #${incident.id}: ${incident.title} (${incident.severity}).`,
    ...(o.incidentLink ? [`Incident channel: ${o.incidentLink}`] : []),
    'Postmortem: /incident postmortem in the incident channel.',
    ...(o.ownerName ? [`Owner: ${o.ownerName}`] : []),
  ];
  return {
    title: cutText(followup.text.replace(/\s+/g, ' '), 200),
    lines,
    marker: o.marker,
    dueDate: followup.dueAt === null ? null : dayIn(followup.dueAt, o.timezone),
    ownerEmail: o.ownerEmail,
  };
}
