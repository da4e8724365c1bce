import { bridgeUrl } from '../../paging/paging.config';
import { safeLink } from './tracker-messages';
import { formatDuration } from '../../config/duration';
import type { Policy } from '../../config/policy';
import { STATUS_LABELS, type Incident } from '../../incidents/incident.types';
import type { Briefing, NextEscalation } from '../../escalations/escalation.port';
import type { Contacts } from '../../escalations/ladder';
import { ACTION } from './ids';
import { channelLink, incidentRef, incidentRefPlain, severityLabel } from './incident-format';
import { actions, button, context, section, type SlackMessage } from './kit';
import { channelUrl } from './reminder-messages';
import { notificationText, safeMrkdwn, slackDate } from './text';

const UNLESS_TEXT = { acknowledged: 'acknowledged', mitigated: 'mitigated', resolved: 'resolved' } as const;

const names = (contacts: Pick<Contacts, 'users' | 'usergroup'>): string[] => [
  ...contacts.users.map((u) => `<@${u}>`),
  ...(contacts.usergroup ? [`<!subteam^${contacts.usergroup}>`] : []),
];

/** Why people are called in, as the end of a sentence: which level, which trigger. */
export function whyText(incident: Incident, b: Briefing): string {
  const level = b.level ? `level ${b.level.number} (${safeMrkdwn(b.level.name, 40)})` : 'a call by name';
  switch (b.trigger) {
    case 'time':
      return `${level}: not ${UNLESS_TEXT[b.level?.unless ?? 'resolved']} ${formatDuration(b.openFor)} after the declaration`;
    case 'missed_updates':
      return `${level}: no status update for ${formatDuration(b.sinceLastUpdate)} and ${b.missed} reminders to <@${incident.commanderId}> unanswered`;
    case 'manual':
      return `${level}: <@${b.actorId}> escalated${b.reason ? ` (${safeMrkdwn(b.reason, 300)})` : ''}`;
  }
}

const linkButton = (text: string, incident: Incident) => ({
  ...button(text, ACTION.reminderOpenChannel, String(incident.id)),
  url: channelUrl(incident.channelId ?? ''),
});

const acknowledgeButton = (incident: Incident) =>
  button('Acknowledge', ACTION.acknowledge, String(incident.id), 'primary');

/** The DM asking the commander to acknowledge; again, more plainly, once acknowledgeWithin has passed. */
export function acknowledgeRequest(
  incident: Incident,
  policy: Policy,
  overdue: { within: number } | null,
): SlackMessage {
  const head = overdue
    ? `⏰ *Not acknowledged yet*: you lead ${incidentRef(incident)} and ${formatDuration(overdue.within)} have passed.`
    : `📟 *You are the incident commander* of ${incidentRef(incident)}.`;
  return {
    text: notificationText(`${overdue ? 'Please acknowledge' : 'You lead'} ${incidentRefPlain(incident)}`),
    blocks: [
      section(`${head} ${severityLabel(policy, incident.severity)} · ${channelLink(incident)}`),
      section(`*Impact*\n${safeMrkdwn(incident.impact || '-', 1000)}`),
      context('Acknowledge to tell the team you are on it; until then the escalation ladder runs on its clock.'),
      actions('acknowledge_actions', acknowledgeButton(incident), linkButton('Open channel', incident)),
    ],
  };
}

/** The channel's note that the commander has not acknowledged in time. */
export function acknowledgementOverdueNote(incident: Incident, within: number): SlackMessage {
  const text = `⏰ <@${incident.commanderId}> has not acknowledged this incident within ${formatDuration(within)}.`;
  return { text: notificationText('The commander has not acknowledged yet'), blocks: [section(text)] };
}

/** The visible channel note naming who was called in and why (a user group mention notifies the group). */
export function callInNote(incident: Incident, contacts: Contacts, b: Briefing): SlackMessage {
  const called = names(contacts).join(', ');
  const to = contacts.onCallBackup ? `the on-call backup ${called}` : called;
  return {
    text: `🚨 Escalated: ${notificationText(incidentRefPlain(incident))}`,
    blocks: [section(`🚨 *Escalated* to ${to}: ${whyText(incident, b)}.`)],
  };
}

/** The DM each person called in gets: runbook 001's hand-over, and Join channel / Acknowledge. */
export function briefingMessage(incident: Incident, contacts: Contacts, b: Briefing, policy: Policy): SlackMessage {
  const who = contacts.onCallBackup ? 'You are on call as backup and are being called in' : 'You are being called in';
  const last = b.lastUpdate
    ? `${formatDuration(b.sinceLastUpdate)} ago (${STATUS_LABELS[b.lastUpdate.status]}): ${safeMrkdwn(b.lastUpdate.summary, 600)}`
    : `none yet (declared ${formatDuration(b.openFor)} ago)`;
  return {
    text: notificationText(`Escalation: ${incidentRefPlain(incident)} needs you`),
    blocks: [
      section(`🚨 *${who}* on ${incidentRef(incident)} in ${channelLink(incident)}`),
      section(
        [
          `*Why:* ${whyText(incident, b)}`,
          `*Severity:* ${severityLabel(policy, incident.severity)} · *Status:* ${STATUS_LABELS[incident.status]}`,
          `*Impact:* ${safeMrkdwn(incident.impact || '-', 800)}`,
          `*Last update:* ${last}`,
          `*Commander:* <@${incident.commanderId}> · *Open for:* ${formatDuration(b.openFor)}`,
          ...callLine(policy, incident),
        ].join('\n'),
      ),
      actions(
        'escalation_actions',
        { ...linkButton('Join channel', incident), style: 'primary' },
        button('Acknowledge', ACTION.acknowledge, String(incident.id)),
      ),
    ],
  };
}

/** The incident's call, when the policy has a bridge for its severity. */
function callLine(policy: Policy, incident: Incident): string[] {
  const call = bridgeUrl(policy.bridge, incident);
  return call ? [`*Call:* ${safeLink(call, 'Join the call')}`] : [];
}

/** The channel note and the commander's DM when nobody holds the comms role commsWithin in. */
export function commsReminder(incident: Incident, within: number, roleName: string): SlackMessage {
  const text = `📣 ${formatDuration(within)} in and nobody is the *${safeMrkdwn(roleName, 40)}* yet: <@${incident.commanderId}>, assign someone to keep stakeholders and Customer Success informed (\`/incident assign comms @person\`).`;
  return { text: notificationText(`No ${roleName} yet for ${incidentRefPlain(incident)}`), blocks: [section(text)] };
}

/** "Next escalation: level 2 (on-call manager) at 09:30 unless mitigated" */
export const nextEscalationText = (next: NextEscalation, timezone: string): string =>
  `🪜 Next escalation: level ${next.number} (${safeMrkdwn(next.name, 40)}) ${slackDate(next.dueAt, timezone, '{time}')} unless ${UNLESS_TEXT[next.unless]}`;
