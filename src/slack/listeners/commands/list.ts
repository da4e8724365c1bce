import { findService } from '../../../catalog/catalog';
import { escapeMrkdwn } from '../../blocks/text';
import { IncidentError } from '../../../incidents/incidents.errors';
import { incidentListMessage } from '../../blocks/incident-list';
import { within } from '../shared/within';
import type { Subcommand } from './subcommand';

/** "all", "service:payments", both or neither, in any order. */
function parseScope(args: string): { all: boolean; service?: string } | null {
  const scope: { all: boolean; service?: string } = { all: false };
  for (const word of args.toLowerCase().split(/\s+/).filter(Boolean)) {
    const service = /^service:([a-z0-9-]+)$/.exec(word)?.[1];
    if (word === 'all') scope.all = true;
    else if (service && scope.service === undefined) scope.service = service;
    else return null;
  }
  return scope;
}

export const list: Subcommand = {
  name: 'list',
  usage: '/incident list [all] [service:<id>]',
  summary:
    'List the open incidents; with "all", also those of the last 30 days; "service:payments" only those affecting it',
  inIncidentChannel: false,
  handle: async ({ args, command, deps, respond }) => {
    const scope = parseScope(args);
    if (!scope) {
      throw new IncidentError(
        'invalid_input',
        'Use `/incident list` for the open incidents, `/incident list all` for the last 30 days, and add `service:<id>` for those affecting a service.',
      );
    }
    const service = scope.service === undefined ? undefined : findService(deps.policy.services, scope.service);
    if (scope.service !== undefined && !service) {
      const known = deps.policy.services.map((s) => `\`${s.id}\``).join(', ') || 'none: the policy has no services';
      throw new IncidentError(
        'invalid_input',
        `There is no service \`${escapeMrkdwn(scope.service)}\`. Services: ${known}.`,
      );
    }
    const { all } = scope;
    const work = deps.overview
      .list(command.user_id, { all, ...(service ? { service: service.id } : {}) })
      .then(({ incidents, now, postmortemsOverdue, services }) =>
        incidentListMessage({
          incidents,
          policy: deps.policy,
          now,
          all,
          postmortemsOverdue,
          services,
          ...(service ? { service: service.name } : {}),
        }),
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
