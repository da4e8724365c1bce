import type { Incident } from '../../incidents/incident.types';
import { incidentRef } from './incident-format';
import { section, type SlackMessage } from './kit';

const WHY = { deactivated: 'account is deactivated', missing: 'account no longer exists' } as const;

/**
 * The commander named on the declare form cannot take part: Slack said so only after the form was
 * answered (their account was deactivated meanwhile). Said in the channel, and to the declarer.
 */
export function commanderUnavailableMessage(
  incident: Incident,
  kind: 'deactivated' | 'missing',
  to: 'channel' | 'declarer',
): SlackMessage {
  const fix = 'Choose who leads it with `/incident assign commander @person` in the channel.';
  const text =
    to === 'channel'
      ? `⚠️ <@${incident.commanderId}> cannot lead this incident: their ${WHY[kind]}. ${fix}`
      : `⚠️ ${incidentRef(incident)} is declared, but <@${incident.commanderId}> cannot lead it: their ${WHY[kind]}. ${fix}`;
  return { text, blocks: [section(text)] };
}
