import type { Workspace } from '../state';
import type { Channel, Message } from '../types';
import { bool, need, str } from './args';
import { blocksArg, channelArg, requireWritable } from './channels';
import { SlackApiError, type MethodContext, type Method } from './method';

/** Slack truncates beyond this; the fake refuses instead so an over-long text is noticed. */
const MAX_TEXT = 40_000;
/** What Slack asks `text` to stay within; longer is accepted, so the fake only warns. */
const ADVISED_TEXT = 4_000;

export const chatMethods: Record<string, Method> = {
  'chat.postMessage': (ctx) => {
    const { ws, args } = ctx;
    const channel = postTarget(ws, str(args, 'channel'));
    requireWritable(ws, channel);
    const content = messageContent(ctx);
    const thread_ts = threadOf(ws, channel, str(args, 'thread_ts'));
    const metadata = metadataArg(ctx.args.metadata);
    const message = ws.post({
      channel: channel.id,
      ...content,
      ...(metadata ? { metadata } : {}),
      ...(thread_ts ? { thread_ts, reply_broadcast: bool(args, 'reply_broadcast') } : {}),
    });
    return { channel: channel.id, ts: message.ts, message: messageJson(ws, message) };
  },

  'chat.update': (ctx) => {
    const { ws, args } = ctx;
    const channel = channelArg(ws, args);
    const message = ws.findMessage(channel.id, need(args, 'ts', 'message_not_found'));
    if (!message) throw new SlackApiError('message_not_found');
    if (message.user !== ws.identity.botUserId) throw new SlackApiError('cant_update_message');
    if (channel.is_archived) throw new SlackApiError('is_archived');
    const content = messageContent(ctx);
    // As in Slack, fields left out keep their old value; an empty blocks array removes the blocks.
    if (typeof args.text === 'string') message.text = content.text;
    if (args.blocks !== undefined) message.blocks = content.blocks ?? [];
    if (args.attachments !== undefined) message.attachments = content.attachments ?? [];
    message.edited = true;
    return { channel: channel.id, ts: message.ts, text: message.text, message: messageJson(ws, message) };
  },

  'chat.delete': ({ ws, args }) => {
    const channel = channelArg(ws, args);
    const message = ws.findMessage(channel.id, need(args, 'ts', 'message_not_found'));
    if (!message) throw new SlackApiError('message_not_found');
    if (message.user !== ws.identity.botUserId) throw new SlackApiError('cant_delete_message');
    ws.removeMessage(message);
    return { channel: channel.id, ts: message.ts };
  },

  'chat.postEphemeral': (ctx) => {
    const { ws, args } = ctx;
    const channel = postTarget(ws, str(args, 'channel'));
    requireWritable(ws, channel);
    const user = need(args, 'user', 'user_not_found');
    if (!ws.activeUser(user)) throw new SlackApiError('user_not_found');
    // Slack shows an ephemeral message only to a member of the conversation, and says so.
    if (!channel.is_im && !channel.members.has(user)) throw new SlackApiError('user_not_in_channel');
    const content = messageContent(ctx);
    const thread_ts = str(args, 'thread_ts');
    const message_ts = ws.ids.ts();
    ws.ephemerals.push({
      channel: channel.id,
      user,
      message_ts,
      text: content.text,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(thread_ts ? { thread_ts } : {}),
    });
    return { message_ts };
  },

  'chat.getPermalink': ({ ws, args }) => {
    const channel = channelArg(ws, args);
    // A private conversation the bot is not in does not exist, as far as the bot can tell.
    if (channel.is_private && !channel.members.has(ws.identity.botUserId)) throw new SlackApiError('channel_not_found');
    const message = ws.findMessage(channel.id, need(args, 'message_ts', 'message_not_found'));
    if (!message) throw new SlackApiError('message_not_found');
    const base = `https://fake.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
    const permalink =
      message.thread_ts && message.thread_ts !== message.ts
        ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}`
        : base;
    return { channel: channel.id, permalink };
  },
};

/**
 * Message metadata as Slack checks it: an object with a string `event_type` and an object
 * `event_payload` (a JSON string that does not parse arrives here still a string).
 */
function metadataArg(value: unknown): Message['metadata'] {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SlackApiError('invalid_metadata_format');
  const { event_type, event_payload } = value as Record<string, unknown>;
  if (typeof event_type !== 'string' || event_type === '') throw new SlackApiError('invalid_metadata_schema');
  if (typeof event_payload !== 'object' || event_payload === null || Array.isArray(event_payload))
    throw new SlackApiError('invalid_metadata_schema');
  return { event_type, event_payload: event_payload as Record<string, unknown> };
}

/** A channel id, or a user id meaning the bot's DM with that person (as Slack allows). */
function postTarget(ws: Workspace, id: string | undefined): Channel {
  if (id === undefined) throw new SlackApiError('channel_not_found');
  const channel = ws.findChannel(id);
  if (channel) return channel;
  if (/^[UW]/.test(id) && ws.activeUser(id)) return ws.openConversation([id]);
  throw new SlackApiError('channel_not_found');
}

function messageContent(ctx: MethodContext): { text: string; blocks?: any[]; attachments?: any[] } {
  const blocks = blocksArg(ctx);
  const attachments = Array.isArray(ctx.args.attachments) ? ctx.args.attachments : undefined;
  const text = typeof ctx.args.text === 'string' ? ctx.args.text : '';
  if (text === '' && !blocks?.length && !attachments?.length) throw new SlackApiError('no_text');
  if (text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  if (text.length > ADVISED_TEXT)
    ctx.warnings.push(`[WARN] text over ${ADVISED_TEXT} characters (${text.length}) [json-pointer:/text]`);
  return { text, ...(blocks ? { blocks } : {}), ...(attachments ? { attachments } : {}) };
}

/** The thread a reply joins: replying to a reply lands in the same thread, like Slack. */
function threadOf(ws: Workspace, channel: Channel, ts: string | undefined): string | undefined {
  if (ts === undefined) return undefined;
  const parent = ws.findMessage(channel.id, ts);
  if (!parent) throw new SlackApiError('thread_not_found');
  return parent.thread_ts ?? parent.ts;
}

/** A message as the Web API shows it; metadata only when asked for (`include_all_metadata`). */
export function messageJson(ws: Workspace, m: Message, withMetadata = false): Record<string, unknown> {
  const fromBot = m.user === ws.identity.botUserId;
  return {
    type: 'message',
    user: m.user,
    ...(fromBot ? { bot_id: ws.identity.botId, app_id: ws.identity.appId } : {}),
    text: m.text,
    ts: m.ts,
    team: ws.identity.teamId,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.edited ? { edited: { user: m.user, ts: m.ts } } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}
