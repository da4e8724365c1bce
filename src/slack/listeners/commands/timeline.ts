import { IncidentError } from '../../../incidents/incidents.errors';
import { followupDoneText, followupsMessage, TIMELINE_SHOWN, timelineMessage } from '../../blocks/timeline-view';
import { parseFollowupArgs } from './followup-args';
import { checkedIncident, type Subcommand, type SubcommandContext } from './subcommand';
import { slackDate } from '../../blocks/text';
import { actions, section } from '../../blocks/kit';
import { createIssueButton } from '../../blocks/tracker-messages';

const here = checkedIncident;
/** Every known name, read once per reply: the blocks are built synchronously. */
const names = async (ctx: SubcommandContext) => {
  const known = await ctx.deps.people.names();
  return (id: string) => known.get(id);
};

/** A trailing mention names the owner: "Add an alert @bob" arrives as "Add an alert <@U123|bob>". */
export function splitOwner(args: string): { text: string; ownerId: string | null } {
  const match = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*$/.exec(args);
  if (!match) return { text: args, ownerId: null };
  return { text: args.slice(0, match.index).trim(), ownerId: match[1] as string };
}

export const note: Subcommand = {
  name: 'note',
  usage: '/incident note <text>',
  summary: 'Add a note to the timeline',
  inIncidentChannel: true,
  access: { need: 'change' },
  handle: async (ctx) => {
    const incident = here(ctx);
    const added = await ctx.deps.timeline.addNote(incident.id, ctx.args, ctx.command.user_id, ctx.command.trigger_id);
    return { reply: added ? `📝 Added to the timeline of #${incident.id}.` : 'That note is already on the timeline.' };
  },
};

export const followup: Subcommand = {
  name: 'followup',
  usage: '/incident followup <text> [@owner] [by YYYY-MM-DD or in 5d]',
  summary: 'Record a follow-up action for the postmortem, optionally with an owner and a due date',
  inIncidentChannel: true,
  access: { need: 'change' },
  handle: async (ctx) => {
    const incident = here(ctx);
    const { text, ownerId, dueAt } = parseFollowupArgs(ctx.args, ctx.deps.clock.now(), ctx.deps.policy.timezone);
    const { followup: f } = await ctx.deps.followups.add(incident.id, {
      text,
      ownerId,
      dueAt,
      createdBy: ctx.command.user_id,
      requestKey: ctx.command.trigger_id,
    });
    const due = f.dueAt === null ? '' : `, due ${slackDate(f.dueAt, ctx.deps.policy.timezone, '{date_short_pretty}')}`;
    const reply = `📌 Follow-up added to #${incident.id}${f.ownerId ? ` with <@${f.ownerId}> as owner` : ' (no owner yet)'}${due}. \`/incident followups\` lists them.`;
    const trackers = ctx.deps.policy.trackers;
    // By button: the confirmation offers the issue; automatic: it is on its way.
    if (!trackers || trackers.createOn === 'add') return { reply };
    return { reply, blocks: [section(reply), actions('followup_issue', createIssueButton(f.id, trackers.default))] };
  },
};

export const followups: Subcommand = {
  name: 'followups',
  usage: '/incident followups',
  summary: 'List the follow-up actions',
  inIncidentChannel: true,
  access: { need: 'see' },
  handle: async (ctx) => {
    const incident = here(ctx);
    // The trackers are asked first (a moment at most), so an issue closed there shows done here.
    await ctx.deps.trackers.syncIncident(incident.id);
    const trackers = ctx.deps.policy.trackers;
    const message = followupsMessage(
      incident,
      await ctx.deps.followups.of(incident.id),
      await names(ctx),
      { now: ctx.deps.clock.now(), timezone: ctx.deps.policy.timezone },
      trackers?.createOn === 'button' ? trackers.default : null,
    );
    return { reply: message.text, blocks: message.blocks };
  },
};

export const done: Subcommand = {
  name: 'done',
  usage: '/incident done <number>',
  summary: 'Mark a follow-up action done (its number in /incident followups)',
  inIncidentChannel: true,
  access: { need: 'change' },
  handle: async (ctx) => {
    const incident = here(ctx);
    const number = Number(ctx.args);
    if (!Number.isInteger(number) || number < 1) {
      throw new IncidentError('invalid_input', 'Give the number `/incident followups` shows, e.g. `/incident done 2`.');
    }
    const { followup: f, changed } = await ctx.deps.followups.completeByNumber(
      incident.id,
      number,
      ctx.command.user_id,
    );
    return { reply: followupDoneText(number, f, changed, await names(ctx)) };
  },
};

export const timeline: Subcommand = {
  name: 'timeline',
  usage: '/incident timeline',
  summary: 'Show the most recent timeline entries',
  inIncidentChannel: true,
  access: { need: 'see' },
  handle: async (ctx) => {
    const incident = here(ctx);
    const canChange = (await ctx.deps.incidents.access(incident, ctx.command.user_id)) === 'change';
    const { entries, more } = await ctx.deps.timeline.recent(incident.id, TIMELINE_SHOWN);
    const message = timelineMessage({
      incident,
      entries,
      more,
      policy: ctx.deps.policy,
      names: await names(ctx),
      canChange,
    });
    return { reply: message.text, blocks: message.blocks };
  },
};
