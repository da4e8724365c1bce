import { statusSummaryMessage } from '../../blocks/status-summary';
import type { Subcommand } from './subcommand';

export const status: Subcommand = {
  name: 'status',
  usage: '/incident status',
  summary: 'Show the incident at a glance: severity, status, roles, age and when the next update is due',
  inIncidentChannel: true,
  handle: ({ command, deps }) => {
    const incident = deps.incidents.requireByChannel(command.channel_id);
    const message = statusSummaryMessage(deps.overview.status(incident), deps.policy);
    return { reply: message.text, blocks: message.blocks };
  },
};
