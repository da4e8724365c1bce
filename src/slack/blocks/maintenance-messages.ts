import type { Component } from '../../statuspage/components';
import type { Maintenance } from '../../statuspage/statuspage.types';
import { ACTION } from './ids';
import { actions, type Block, button, context, section, type SlackMessage } from './kit';
import { notificationText, safeMrkdwn, slackDate } from './text';

/** How a maintenance message names things: the page's components and the zone of its fallback times. */
export interface MaintenanceWords {
  components: readonly Component[];
  timezone: string;
}

const namesOf = (m: Maintenance, words: MaintenanceWords) =>
  m.components.map((id) => words.components.find((c) => c.id === id)?.name ?? id).join(', ');

const titleOf = (m: Maintenance) => safeMrkdwn(m.title, 200);
const span = (m: Maintenance, words: MaintenanceWords) =>
  `${slackDate(m.startsAt, words.timezone)} to ${slackDate(m.endsAt, words.timezone)}`;

const HEADLINE: Record<Maintenance['state'], string> = {
  scheduled: '🗓️ *Maintenance scheduled*',
  in_progress: '🛠️ *Maintenance under way*',
  completed: '✅ *Maintenance over*',
  cancelled: '🚫 *Maintenance cancelled*',
};

/** What became of the window, and by whom, under the confirmation. */
function outcome(m: Maintenance): string {
  const by = m.closedBy ? ` by <@${m.closedBy}>` : '';
  if (m.state === 'cancelled') return `Cancelled${by}; it no longer shows on the status page.`;
  if (m.state === 'completed')
    return m.closedBy ? `Ended early${by}; its components are back to normal.` : 'Ended as planned.';
  if (m.state === 'in_progress') return 'Under way: its components show as under maintenance.';
  return 'Shows on the status page as upcoming.';
}

/**
 * The confirmation in the announcement channel, rebuilt from the window at every step: Cancel
 * before it starts, End now while it is under way, nothing once it is over.
 */
export function maintenanceConfirmation(m: Maintenance, words: MaintenanceWords): SlackMessage {
  const buttons: Block[] =
    m.state === 'scheduled'
      ? [actions('maintenance_actions', button('Cancel', ACTION.maintenanceCancel, m.publicId, 'danger'))]
      : m.state === 'in_progress'
        ? [actions('maintenance_actions', button('End now', ACTION.maintenanceEnd, m.publicId, 'primary'))]
        : [];
  return {
    text: notificationText(`Maintenance: ${m.title}`),
    blocks: [
      section(
        `${HEADLINE[m.state]}: ${titleOf(m)}\n*Components:* ${safeMrkdwn(namesOf(m, words), 1_000)}\n*When:* ${span(m, words)}`,
      ),
      ...(m.message ? [section(`>${safeMrkdwn(m.message, 2_000).replace(/\n/g, '\n>')}`)] : []),
      context(`${m.createdBy ? `Scheduled by <@${m.createdBy}>. ` : ''}${outcome(m)}`),
      ...buttons,
    ],
  };
}

/** The post saying a step happened: the start, the end (planned or early) or the cancellation. */
export function maintenanceStep(m: Maintenance, words: MaintenanceWords): SlackMessage | null {
  const names = safeMrkdwn(namesOf(m, words), 1_000);
  const by = m.closedBy ? ` by <@${m.closedBy}>` : '';
  let md: string;
  if (m.state === 'in_progress')
    md = `🛠️ Maintenance *${titleOf(m)}* has started: ${names} under maintenance until ${slackDate(m.endsAt, words.timezone)}.`;
  else if (m.state === 'completed')
    md = `✅ Maintenance *${titleOf(m)}* ${m.closedBy ? `was ended early${by}` : 'is over'}: ${names} back to normal.`;
  else if (m.state === 'cancelled') md = `🚫 Maintenance *${titleOf(m)}* (${span(m, words)}) was cancelled${by}.`;
  else return null;
  return { text: notificationText(`Maintenance ${m.title}: ${STEP_WORDS[m.state]}`), blocks: [section(md)] };
}

const STEP_WORDS: Record<Maintenance['state'], string> = {
  scheduled: 'scheduled',
  in_progress: 'started',
  completed: 'over',
  cancelled: 'cancelled',
};
