import { z } from 'zod';
import { IncidentError } from '../../../incidents/incidents.errors';
import { incidentListMessage } from '../../blocks/incident-list';
import type { Subcommand } from './subcommand';

const Scope = z.enum(['', 'all']);

export const list: Subcommand = {
  name: 'list',
  usage: '/incident list [all]',
  summary: 'List the open incidents; with "all", also those of the last 30 days',
  inIncidentChannel: false,
  handle: async ({ args, command, deps }) => {
    const scope = Scope.safeParse(args.toLowerCase());
    if (!scope.success) {
      throw new IncidentError('invalid_input', 'Use `/incident list` for the open incidents or `/incident list all` for the last 30 days.');
    }
    const all = scope.data === 'all';
    const { incidents, now } = await deps.overview.list(command.user_id, { all });
    const message = incidentListMessage({ incidents, policy: deps.policy, now, all });
    return { reply: message.text, blocks: message.blocks };
  },
};
