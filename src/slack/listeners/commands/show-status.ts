import { statusSummaryMessage } from '../../blocks/status-summary';
import { checkedIncident, type Subcommand } from './subcommand';

export const status: Subcommand = {
  name: 'status',
  usage: '/incident status',
  summary: 'Show the incident at a glance: severity, status, roles, age, the next update and the next escalation',
  inIncidentChannel: true,
  access: { need: 'see' },
  handle: async (ctx) => {
    const { deps } = ctx;
    const incident = checkedIncident(ctx);
    const message = statusSummaryMessage(
      await deps.overview.status(incident),
      deps.policy,
      await deps.escalations.next(incident.id),
    );
    return { reply: message.text, blocks: message.blocks };
  },
};
