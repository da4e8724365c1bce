import type { EscalateTarget } from '../../../escalations/escalations.service';
import { fromSlackText } from '../../blocks/text';
import { checkedIncident, type Subcommand } from './subcommand';

/** "<@U1|bob> reason", "2 reason", "level 2 reason" or just "reason": whom, and why. */
export function parseEscalate(args: string): { target: EscalateTarget; reason: string } {
  const person = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*([\s\S]*)$/.exec(args);
  if (person) return { target: { userId: person[1] as string }, reason: person[2] ?? '' };
  const level = /^(?:level\s*)?(\d{1,2})(?:\s+([\s\S]*))?$/i.exec(args);
  if (level) return { target: { level: Number(level[1]) }, reason: level[2] ?? '' };
  return { target: { next: true }, reason: args };
}

export const escalate: Subcommand = {
  name: 'escalate',
  usage: '/incident escalate [@person or level] [reason]',
  summary: 'Call someone in now: the next level of the escalation ladder, a level by number, or a person',
  inIncidentChannel: true,
  access: { need: 'change', open: true },
  handle: (ctx) => {
    const incident = checkedIncident(ctx);
    const { target, reason } = parseEscalate(ctx.args);
    return {
      after: async () => {
        const { level, contacts, paged } = await ctx.deps.escalations.escalate({
          incidentId: incident.id,
          actorId: ctx.command.user_id,
          target,
          reason: fromSlackText(reason.trim()),
        });
        const called = [
          ...contacts.users.map((u) => `<@${u}>`),
          ...(contacts.usergroup ? [`<!subteam^${contacts.usergroup}>`] : []),
        ];
        const which = level ? `level ${level.number} (${level.name})` : 'them';
        const pagedToo = paged ? ' PagerDuty is paged as well.' : '';
        await ctx.respond({
          response_type: 'ephemeral',
          text:
            called.length > 0
              ? `🚨 Called in ${which}: ${called.join(', ')}. They have the briefing and an invitation to this channel.${pagedToo}`
              : `📟 Reached ${which}: PagerDuty is paged.`,
        });
      },
    };
  },
};
