import { IncidentError } from '../../../incidents/incidents.errors';
import { servicesReply } from '../../blocks/service-messages';
import { escapeMrkdwn, fromSlackText } from '../../blocks/text';
import { problemLines } from '../../text/error-sentences';
import { checkedIncident, type Subcommand } from './subcommand';

/** "add payments, search" → { verb: 'add', ids: ['payments', 'search'] }; nothing after the name: show. */
function parseServicesArgs(args: string): { verb: 'show' | 'add' | 'remove'; ids: string[] } | null {
  const [verb = '', ...rest] = fromSlackText(args)
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  const ids = rest.map((id) => id.toLowerCase());
  if (verb === '') return { verb: 'show', ids: [] };
  if ((verb === 'add' || verb === 'remove') && ids.length > 0) return { verb, ids };
  return null;
}

export const services: Subcommand = {
  name: 'services',
  usage: '/incident services [add/remove <service>…]',
  summary: "Show the affected services, or add or remove some; an added service's team is brought in",
  inIncidentChannel: true,
  // Anyone who may see the incident sees its services; changing them asks for more (the domain checks).
  access: { need: 'see' },
  handle: (ctx) => {
    const parsed = parseServicesArgs(ctx.args);
    if (!parsed) {
      throw new IncidentError(
        'invalid_input',
        `Usage: \`${escapeMrkdwn(services.usage)}\`, e.g. \`/incident services add payments\`.`,
      );
    }
    const incident = checkedIncident(ctx);
    const { deps } = ctx;
    if (parsed.verb === 'show') {
      return {
        after: async () => {
          const text = servicesReply(incident, await deps.incidents.servicesOf(incident.id), deps.policy.services);
          await ctx.respond({ response_type: 'ephemeral', text });
        },
      };
    }
    return {
      after: async () => {
        const result = await deps.incidents.changeServices({
          incidentId: incident.id,
          add: parsed.verb === 'add' ? parsed.ids : [],
          remove: parsed.verb === 'remove' ? parsed.ids : [],
          actorId: ctx.command.user_id,
        });
        const changed = [...result.added, ...result.removed].map((s) => `*${escapeMrkdwn(s.name)}*`);
        const done =
          changed.length === 0
            ? `Nothing changed: incident #${incident.id} ${parsed.verb === 'add' ? 'already has' : 'does not have'} ${parsed.ids.map((id) => `\`${escapeMrkdwn(id)}\``).join(', ')}.`
            : `${parsed.verb === 'add' ? 'Added' : 'Removed'} ${changed.join(', ')}.`;
        await ctx.respond({ response_type: 'ephemeral', text: [done, ...problemLines(result.problems)].join('\n') });
      },
    };
  },
};
