import type { Workspace } from '../state';
import type { Channel, Message } from '../types';
import { need, str } from './args';
import { channelArg, requireMember } from './channels';
import { SlackApiError, type Args, type Method } from './method';

export const pinAndReactionMethods: Record<string, Method> = {
  'pins.add': ({ ws, args }) => {
    const { channel, message } = pinnedItem(ws, args);
    if (channel.pins.has(message.ts)) throw new SlackApiError('already_pinned');
    channel.pins.add(message.ts);
    return {};
  },

  'pins.remove': ({ ws, args }) => {
    const { channel, message } = pinnedItem(ws, args);
    if (!channel.pins.delete(message.ts)) throw new SlackApiError('no_pin');
    return {};
  },

  'reactions.add': ({ ws, args }) => {
    const name = need(args, 'name', 'invalid_name');
    const message = reactedMessage(ws, args);
    const reactions = message.reactions ?? [];
    if (reactions.includes(name)) throw new SlackApiError('already_reacted');
    message.reactions = [...reactions, name];
    return {};
  },

  'reactions.remove': ({ ws, args }) => {
    const name = need(args, 'name', 'invalid_name');
    const message = reactedMessage(ws, args);
    if (!message.reactions?.includes(name)) throw new SlackApiError('no_reaction');
    message.reactions = message.reactions.filter((r) => r !== name);
    return {};
  },
};

/** pins.add/remove need both the channel and the message timestamp; the bot must be in the channel. */
function pinnedItem(ws: Workspace, args: Args): { channel: Channel; message: Message } {
  const channel = channelArg(ws, args);
  const ts = str(args, 'timestamp');
  if (ts === undefined) throw new SlackApiError('no_item_specified');
  requireMember(ws, channel);
  const message = ws.findMessage(channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found');
  return { channel, message };
}

function reactedMessage(ws: Workspace, args: Args): Message {
  const channel = channelArg(ws, args);
  const ts = str(args, 'timestamp');
  if (ts === undefined) throw new SlackApiError('no_item_specified');
  const message = ws.findMessage(channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found');
  return message;
}
