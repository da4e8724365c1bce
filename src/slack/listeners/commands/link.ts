import { z } from 'zod';
import { IncidentError } from '../../../incidents/incidents.errors';
import { escapeMrkdwn } from '../../blocks/text';
import { checkedIncident, type Subcommand } from './subcommand';

const LinkArgs = z.object({
  otherId: z.coerce.number().int().positive(),
  asked: z.enum(['related', 'duplicate', 'parent']),
});

export const link: Subcommand = {
  name: 'link',
  usage: '/incident link #<id> <how>',
  summary:
    'Link this incident to #id, both ways; <how> is related, duplicate (resolves this one as its duplicate) or parent (#id is the larger incident)',
  inIncidentChannel: true,
  access: { need: 'change' },
  handle: (ctx) => {
    const [, id, how] = /^#?(\S+)\s+(\S+)\s*$/.exec(ctx.args.trim()) ?? [];
    const parsed = LinkArgs.safeParse({ otherId: id, asked: how?.toLowerCase() });
    if (!parsed.success)
      throw new IncidentError(
        'invalid_input',
        `Usage: \`${escapeMrkdwn(link.usage)}\`, e.g. \`/incident link #12 duplicate\` when this incident is a duplicate of #12.`,
      );
    const incident = checkedIncident(ctx);
    const { otherId, asked } = parsed.data;
    return {
      after: async () => {
        const changed = await ctx.deps.links.link({
          incidentId: incident.id,
          otherId,
          asked,
          actorId: ctx.command.user_id,
        });
        await ctx.respond({
          response_type: 'ephemeral',
          text: changed
            ? `Linked #${incident.id} and #${otherId}.`
            : `#${incident.id} and #${otherId} are linked so already.`,
        });
      },
    };
  },
};
