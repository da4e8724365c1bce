import { wishText } from '../../../follows/subscriptions';
import { IncidentError } from '../../../incidents/incidents.errors';
import { followingMessage } from '../../blocks/follow-messages';
import { incidentRef } from '../../blocks/incident-format';
import { fromSlackText } from '../../blocks/text';
import { within } from '../shared/within';
import { checkedIncident, type Subcommand } from './subcommand';

/** `/incident follow`: a DM for each status update of the channel's incident and one for its resolution. */
export const follow: Subcommand = {
  name: 'follow',
  usage: '/incident follow',
  summary: "DM me this incident's status updates and its resolution",
  inIncidentChannel: true,
  access: { need: 'see', open: true },
  handle: async (ctx) => {
    const { incident, created } = await ctx.deps.follows.follow(checkedIncident(ctx), ctx.command.user_id);
    return {
      reply: created
        ? `👀 You follow ${incidentRef(incident)}: a DM for each status update and one for the resolution.`
        : `You already follow ${incidentRef(incident)}.`,
    };
  },
};

export const unfollow: Subcommand = {
  name: 'unfollow',
  usage: '/incident unfollow',
  summary: 'Stop the DMs about this incident',
  inIncidentChannel: true,
  access: { need: 'see' },
  handle: async (ctx) => {
    const { incident, stopped } = await ctx.deps.follows.unfollow(checkedIncident(ctx), ctx.command.user_id);
    return {
      reply: stopped
        ? `You no longer follow ${incidentRef(incident)}.`
        : `You were not following ${incidentRef(incident)}.`,
    };
  },
};

/** `/incident subscribe service:payments`: follow every future incident that matches. */
export const subscribe: Subcommand = {
  name: 'subscribe',
  usage: '/incident subscribe service:<id> or severity:<id>',
  summary: 'Follow future incidents on a service, or of a severity or worse',
  inIncidentChannel: false,
  handle: async ({ args, command, deps }) => {
    const { subscription, created } = await deps.follows.subscribe(command.user_id, fromSlackText(args));
    const what = `\`${wishText(subscription)}\``;
    return {
      reply: created
        ? `🔔 Subscribed to ${what} (number ${subscription.id}): you will follow each incident that matches from now on. \`/incident subscriptions\` lists yours.`
        : `You are already subscribed to ${what} (number ${subscription.id}).`,
    };
  },
};

export const unsubscribe: Subcommand = {
  name: 'unsubscribe',
  usage: '/incident unsubscribe <number>',
  summary: 'Remove one of your subscriptions (its number in `/incident subscriptions`)',
  inIncidentChannel: false,
  handle: async ({ args, command, deps }) => {
    const n = /^\s*#?(\d{1,12})\s*$/.exec(args);
    if (!n)
      throw new IncidentError(
        'invalid_input',
        'Say which subscription, by its number in `/incident subscriptions`: `/incident unsubscribe 3`.',
      );
    const removed = await deps.follows.unsubscribe(command.user_id, Number(n[1]));
    if (!removed)
      throw new IncidentError(
        'invalid_input',
        `You have no subscription number ${n[1]}. \`/incident subscriptions\` lists yours.`,
      );
    return {
      reply: `Unsubscribed from \`${wishText(removed)}\`. Incidents it made you follow stay followed until they resolve or you unfollow them.`,
    };
  },
};

/** `/incident subscriptions`: what the person follows, with Remove and Unfollow buttons. */
export const subscriptions: Subcommand = {
  name: 'subscriptions',
  usage: '/incident subscriptions',
  summary: 'List your subscriptions and the incidents you follow',
  inIncidentChannel: false,
  handle: async ({ command, deps, respond }) => {
    const work = deps.follows.following(command.user_id).then(followingMessage);
    // Private incidents need Slack to say who is in their channels; if that is slow, the list follows the ack.
    const quick = await within(deps.ackBudgetMs, work);
    if (quick) return { reply: quick.text, blocks: quick.blocks };
    return {
      reply: 'Looking up what you follow…',
      after: async () => {
        const late = await work;
        await respond({ response_type: 'ephemeral', replace_original: true, text: late.text, blocks: late.blocks });
      },
    };
  },
};
