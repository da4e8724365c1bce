import { channelNameError } from '../channel-name';
import { bool, int, str } from './args';
import { channelArg, channelJson, requireMember, requireNotArchived } from './channels';
import type { Workspace } from '../state';
import { messageJson } from './chat';
import { offsetOf } from './cursor';
import { SlackApiError, type Args, type Method } from './method';

/** conversations.* that make, describe and change channels; invite and open live next door. */
export const conversationMethods: Record<string, Method> = {
  'conversations.create': ({ ws, args }) => {
    const name = args.name;
    const invalid = channelNameError(typeof name === 'string' ? name : undefined);
    if (invalid) throw new SlackApiError(invalid);
    // Archived channels keep their names, so they block the name too.
    if (ws.channelNamed(name as string)) throw new SlackApiError('name_taken');
    const channel = ws.addChannel({
      name: name as string,
      is_private: bool(args, 'is_private'),
      members: [ws.identity.botUserId],
      creator: ws.identity.botUserId,
    });
    return { channel: channelJson(ws, channel) };
  },

  // Public channels, and the private ones the bot is in, a page at a time (cursor = offset).
  'conversations.list': ({ ws, args }) => {
    const types = (str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
    const limit = Number(str(args, 'limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new SlackApiError('invalid_limit');
    const offset = Number(str(args, 'cursor') || 0);
    if (!Number.isInteger(offset) || offset < 0) throw new SlackApiError('invalid_cursor');
    const listed = [...ws.channels.values()].filter(
      (c) =>
        !c.is_im &&
        !c.is_mpim &&
        (c.is_private
          ? types.includes('private_channel') && c.members.has(ws.identity.botUserId)
          : types.includes('public_channel')) &&
        !(bool(args, 'exclude_archived') && c.is_archived),
    );
    const page = listed.slice(offset, offset + limit);
    const next = offset + limit < listed.length ? String(offset + limit) : '';
    return { channels: page.map((c) => channelJson(ws, c)), response_metadata: { next_cursor: next } };
  },

  'conversations.info': ({ ws, args }) => {
    const channel = visibleChannel(ws, args);
    return { channel: channelJson(ws, channel) };
  },

  'conversations.members': ({ ws, args }) => {
    const channel = visibleChannel(ws, args);
    // Pages as Slack does: `limit` (default 100, at most 1000) and an opaque next_cursor.
    const limit = args.limit === undefined ? 100 : int(args, 'limit');
    if (limit === undefined || limit < 1 || limit > 1000) throw new SlackApiError('invalid_limit');
    const cursor = str(args, 'cursor');
    const offset = cursor === undefined ? 0 : offsetOf(cursor);
    const members = [...channel.members];
    const next = offset + limit < members.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
    return { members: members.slice(offset, offset + limit), response_metadata: { next_cursor: next } };
  },

  // Newest first, as Slack returns it; top-level messages and broadcast replies only.
  'conversations.history': ({ ws, args, scopes }) => {
    const channel = visibleChannel(ws, args);
    // Each kind of conversation has its own history scope; without it Slack answers missing_scope.
    const needed = channel.is_im
      ? 'im:history'
      : channel.is_mpim
        ? 'mpim:history'
        : channel.is_private
          ? 'groups:history'
          : 'channels:history';
    if (scopes && !scopes.includes(needed))
      throw new SlackApiError('missing_scope', { needed, provided: scopes.join(',') });
    requireMember(ws, channel);
    const limit = args.limit === undefined ? 100 : int(args, 'limit');
    if (limit === undefined || limit < 1 || limit > 999) throw new SlackApiError('invalid_limit');
    const offset = str(args, 'cursor') === undefined ? 0 : offsetOf(str(args, 'cursor') as string);
    const listed = ws
      .messages(channel.id)
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast)
      .reverse();
    const page = listed.slice(offset, offset + limit);
    const more = offset + limit < listed.length;
    return {
      messages: page.map((m) => messageJson(ws, m, bool(args, 'include_all_metadata'))),
      has_more: more,
      response_metadata: { next_cursor: more ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '' },
    };
  },

  'conversations.join': ({ ws, args }) => {
    const channel = channelArg(ws, args);
    if (channel.is_im || channel.is_mpim || channel.is_private)
      throw new SlackApiError('method_not_supported_for_channel_type');
    requireNotArchived(channel);
    const already = channel.members.has(ws.identity.botUserId);
    channel.members.add(ws.identity.botUserId);
    return { channel: channelJson(ws, channel), ...(already ? { warning: 'already_in_channel' } : {}) };
  },

  'conversations.setTopic': ({ ws, args }) => setText(ws, args, 'topic'),
  'conversations.setPurpose': ({ ws, args }) => setText(ws, args, 'purpose'),

  'conversations.archive': ({ ws, args }) => {
    const channel = channelArg(ws, args);
    if (channel.is_im || channel.is_mpim) throw new SlackApiError('method_not_supported_for_channel_type');
    if (channel.name === 'general') throw new SlackApiError('cant_archive_general');
    if (channel.is_archived) throw new SlackApiError('already_archived');
    requireMember(ws, channel);
    channel.is_archived = true;
    return {};
  },

  'conversations.unarchive': ({ ws, args }) => {
    const channel = channelArg(ws, args);
    if (!channel.is_archived) throw new SlackApiError('not_archived');
    channel.is_archived = false;
    return {};
  },
};

/** Private channels the bot is not in do not exist as far as the bot can tell. */
function visibleChannel(ws: Workspace, args: Args) {
  const channel = channelArg(ws, args);
  if (channel.is_private && !channel.members.has(ws.identity.botUserId)) throw new SlackApiError('channel_not_found');
  return channel;
}

function setText(ws: Workspace, args: Args, field: 'topic' | 'purpose') {
  const channel = channelArg(ws, args);
  requireNotArchived(channel);
  requireMember(ws, channel);
  const value = str(args, field) ?? '';
  if (value.length > 250) throw new SlackApiError('too_long');
  channel[field] = value;
  return { channel: channelJson(ws, channel) };
}
