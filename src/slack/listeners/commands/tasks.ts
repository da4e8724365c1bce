import { IncidentError } from '../../../incidents/incidents.errors';
import { checklistText } from '../../blocks/checklist-message';
import { LIMITS, safeMrkdwn, truncate } from '../../blocks/text';
import { checkedIncident, type Subcommand } from './subcommand';
import { splitOwner } from './timeline';

export const tasks: Subcommand = {
  name: 'tasks',
  usage: '/incident tasks',
  summary: "List the incident's checklists and tasks, with what is done",
  inIncidentChannel: true,
  access: { need: 'see' },
  handle: async (ctx) => {
    const incident = checkedIncident(ctx);
    const text = checklistText(incident, await ctx.deps.checklists.of(incident.id), ctx.deps.policy);
    return { reply: truncate(text, LIMITS.messageText) };
  },
};

export const task: Subcommand = {
  name: 'task',
  usage: '/incident task add <text> [@owner]',
  summary: 'Add a task to the checklist message, optionally with an owner',
  inIncidentChannel: true,
  access: { need: 'change' },
  handle: async (ctx) => {
    const incident = checkedIncident(ctx);
    const added = /^add(?:\s+|$)([\s\S]*)$/i.exec(ctx.args);
    if (!added)
      throw new IncidentError(
        'invalid_input',
        'Use `/incident task add <text> [@owner]`, e.g. `/incident task add Page the DBA @dana`.',
      );
    const { text, ownerId } = splitOwner(added[1] ?? '');
    const { item } = await ctx.deps.checklists.addTask({
      incidentId: incident.id,
      text,
      ownerId,
      userId: ctx.command.user_id,
      key: ctx.command.trigger_id,
    });
    const owner = item.ownerId ? ` with <@${item.ownerId}> as owner` : '';
    return { reply: `☑️ Task added to #${incident.id}${owner}: ${safeMrkdwn(item.text, 300)}` };
  },
};
