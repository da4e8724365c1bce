import type { Workspace } from '../state';
import { bool, idList } from './args';
import { channelArg, channelJson, requireMember, requireNotArchived } from './channels';
import { SlackApiError, type Method } from './method';

interface UserError {
  user: string;
  ok: false;
  error: string;
}

/** conversations.invite and conversations.open: the methods that bring people into conversations. */
export const conversationPeopleMethods: Record<string, Method> = {
  'conversations.invite': ({ ws, args }) => {
    const channel = channelArg(ws, args);
    if (channel.is_im || channel.is_mpim) throw new SlackApiError('method_not_supported_for_channel_type');
    requireNotArchived(channel);
    requireMember(ws, channel);
    const users = idList(args, 'users');
    if (users.length === 0) throw new SlackApiError('no_user');
    if (users.length > 100) throw new SlackApiError('too_many_users');

    const errors: UserError[] = [];
    const valid: string[] = [];
    for (const user of new Set(users)) {
      const error = inviteError(ws, channel.members, user);
      if (error) errors.push({ user, ok: false, error });
      else valid.push(user);
    }
    // Without force, one bad id fails the whole call; with force, the valid ids are still invited.
    if (errors.length > 0 && !(bool(args, 'force') && valid.length > 0)) {
      throw new SlackApiError(errors[0]!.error, { errors });
    }
    for (const user of valid) channel.members.add(user);
    return { channel: channelJson(ws, channel), ...(errors.length > 0 ? { errors } : {}) };
  },

  'conversations.open': ({ ws, args }) => {
    const users = idList(args, 'users');
    if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (users.length > 8) throw new SlackApiError('too_many_users');
    for (const id of users) {
      const user = ws.users.get(id);
      if (!user) throw new SlackApiError('user_not_found');
      if (user.deleted) throw new SlackApiError('user_disabled');
    }
    const before = ws.channels.size;
    const channel = ws.openConversation(users);
    const alreadyOpen = ws.channels.size === before;
    return {
      channel: bool(args, 'return_im') ? channelJson(ws, channel) : { id: channel.id },
      ...(alreadyOpen ? { no_op: true, already_open: true } : {}),
    };
  },
};

function inviteError(ws: Workspace, members: Set<string>, userId: string): string | undefined {
  if (userId === ws.identity.botUserId) return 'cant_invite_self';
  const user = ws.users.get(userId);
  if (!user) return 'user_not_found';
  if (user.deleted) return 'user_disabled';
  if (members.has(userId)) return 'already_in_channel';
  return undefined;
}
