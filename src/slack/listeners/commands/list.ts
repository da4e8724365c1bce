import { z } from 'zod';
import { IncidentError } from '../../../incidents/incidents.errors';
import { incidentListMessage } from '../../blocks/incident-list';
import { within } from '../shared/within';
import type { Subcommand } from './subcommand';

const Scope = z.enum(['', 'all']);

export const list: Subcommand = {
  name: 'list',
  usage: '/incident list [all]',
  summary: 'List the open incidents; with "all", also those of the last 30 days',
  inIncidentChannel: false,
  handle: async ({ args, command, deps, respond }) => {
    const scope = Scope.safeParse(args.toLowerCase());
    if (!scope.success) {
      throw new IncidentError(
        'invalid_input',
        'Use `/incident list` for the open incidents or `/incident list all` for the last 30 days.',
      );
    }
    const all = scope.data === 'all';
    const work = deps.overview
      .list(command.user_id, { all })
      .then(({ incidents, now, postmortemsOverdue }) =>
        incidentListMessage({ incidents, policy: deps.policy, now, all, postmortemsOverdue }),
      );
    // Private incidents need Slack to say who is in their channels; if that is slow, the list
    // follows the acknowledgement instead of making Slack wait past its 3 seconds.
    const message = await within(deps.ackBudgetMs, work);
    if (message) return { reply: message.text, blocks: message.blocks };
    return {
      reply: 'Gathering the incidents you can see…',
      after: async () => {
        const late = await work;
        await respond({ response_type: 'ephemeral', replace_original: true, text: late.text, blocks: late.blocks });
      },
    };
  },
};
