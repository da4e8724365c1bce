import type { Channel } from '../types';
import { bool, int, str } from './args';
import { channelJson } from './channels';
import { offsetOf, pageCursor } from './cursor';
import { SlackApiError, type Method } from './method';

/** Each conversation type users.conversations takes, and the scope Slack wants for it. */
const TYPE_SCOPES: Record<string, string> = {
  public_channel: 'channels:read',
  private_channel: 'groups:read',
  mpim: 'mpim:read',
  im: 'im:read',
};

const typeOf = (c: Channel) =>
  c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private_channel' : 'public_channel';

/**
 * users.conversations as a bot token sees it: the conversations of `types` (default public
 * channels) that `user` (default the bot) is in, non-public ones only where the bot is too, a page
 * of `limit` (default 100, at most 1000) at a time behind an opaque cursor. Each type asked for
 * needs its read scope.
 */
export const userConversationMethods: Record<string, Method> = {
  'users.conversations': ({ ws, args, scopes }) => {
    const types = (str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
    if (types.some((t) => !(t in TYPE_SCOPES))) throw new SlackApiError('invalid_types');
    for (const needed of new Set(types.map((t) => TYPE_SCOPES[t] as string)))
      if (scopes && !scopes.includes(needed))
        throw new SlackApiError('missing_scope', { needed, provided: scopes.join(',') });
    const limit = args.limit === undefined ? 100 : int(args, 'limit');
    if (limit === undefined || limit < 1 || limit > 1000) throw new SlackApiError('invalid_limit');
    const cursor = str(args, 'cursor');
    const offset = cursor === undefined ? 0 : offsetOf(cursor);
    const userId = str(args, 'user') ?? ws.identity.botUserId;
    if (!ws.users.has(userId) && userId !== ws.identity.botUserId) throw new SlackApiError('user_not_found');
    const listed = [...ws.channels.values()].filter(
      (c) =>
        types.includes(typeOf(c)) &&
        c.members.has(userId) &&
        (typeOf(c) === 'public_channel' || c.members.has(ws.identity.botUserId)) &&
        !(bool(args, 'exclude_archived') && c.is_archived),
    );
    return {
      channels: listed.slice(offset, offset + limit).map((c) => channelJson(ws, c)),
      response_metadata: { next_cursor: pageCursor(offset + limit, listed.length) },
    };
  },
};
