import { need, str } from './args';
import { channelArg, requireMember, requireNotArchived } from './channels';
import { SlackApiError, type Method } from './method';

const MAX_PER_CHANNEL = 100;

export const bookmarkMethods: Record<string, Method> = {
  'bookmarks.add': ({ ws, args }) => {
    const channel = channelArg(ws, args, 'channel_id');
    requireNotArchived(channel);
    requireMember(ws, channel);
    const title = need(args, 'title');
    const type = need(args, 'type');
    if (type !== 'link') throw new SlackApiError('invalid_bookmark_type');
    const link = str(args, 'link');
    if (!link || !/^https?:\/\//.test(link)) throw new SlackApiError('invalid_link');
    const list = ws.bookmarks.get(channel.id) ?? [];
    if (list.length >= MAX_PER_CHANNEL) throw new SlackApiError('too_many_bookmarks');
    const emoji = str(args, 'emoji');
    const bookmark = {
      id: ws.freshId('Bk'),
      channel_id: channel.id,
      title,
      link,
      ...(emoji ? { emoji } : {}),
      type,
      date_created: Math.floor(Date.now() / 1000),
    };
    ws.bookmarks.set(channel.id, [...list, bookmark]);
    return { bookmark };
  },

  'bookmarks.list': ({ ws, args, scopes }) => {
    if (scopes && !scopes.includes('bookmarks:read'))
      throw new SlackApiError('missing_scope', { needed: 'bookmarks:read', provided: scopes.join(',') });
    const channel = channelArg(ws, args, 'channel_id');
    return { bookmarks: ws.bookmarks.get(channel.id) ?? [] };
  },
};
