import type { Workspace } from '../state';
import type { Channel } from '../types';
import { validateBlocks, type Surface } from '../validate-blocks';
import { errorsIn } from '../validate-common';
import { str } from './args';
import { SlackApiError, type Args, type MethodContext } from './method';

/** The conversation an argument names, or Slack's `channel_not_found`. */
export function channelArg(ws: Workspace, args: Args, key = 'channel'): Channel {
  const id = str(args, key);
  const channel = id === undefined ? undefined : ws.findChannel(id);
  if (!channel) throw new SlackApiError('channel_not_found');
  return channel;
}

export function requireNotArchived(channel: Channel): void {
  if (channel.is_archived) throw new SlackApiError('is_archived');
}

export function requireMember(ws: Workspace, channel: Channel): void {
  if (!channel.members.has(ws.identity.botUserId)) throw new SlackApiError('not_in_channel');
}

/**
 * Where the bot may post: any public channel (the app is assumed to have chat:write.public),
 * private ones only as a member, never an archived one.
 */
export function requireWritable(ws: Workspace, channel: Channel): void {
  requireNotArchived(channel);
  if (channel.is_private) requireMember(ws, channel);
}

/** A conversation object as the Web API returns it, seen by the bot. */
export function channelJson(ws: Workspace, channel: Channel): Record<string, unknown> {
  const isMember = channel.members.has(ws.identity.botUserId);
  if (channel.is_im) {
    return {
      id: channel.id,
      is_im: true,
      is_open: true,
      user: channel.name,
      created: channel.created,
      is_archived: false,
      is_org_shared: false,
    };
  }
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.is_private && !channel.is_mpim,
    is_group: channel.is_private && !channel.is_mpim,
    is_im: false,
    is_mpim: channel.is_mpim,
    is_private: channel.is_private,
    is_archived: channel.is_archived,
    is_general: channel.name === 'general',
    is_member: isMember,
    is_shared: false,
    is_org_shared: false,
    context_team_id: ws.identity.teamId,
    created: channel.created,
    creator: channel.creator,
    topic: { value: channel.topic, creator: channel.topic ? ws.identity.botUserId : '', last_set: 0 },
    purpose: { value: channel.purpose, creator: channel.purpose ? ws.identity.botUserId : '', last_set: 0 },
    num_members: channel.members.size,
  };
}

/**
 * The `blocks` argument of a message method: undefined when absent, `invalid_blocks_format` when
 * it is not a JSON array, `invalid_blocks` with Slack's messages when Block Kit refuses it.
 */
export function blocksArg(ctx: MethodContext, surface: Surface = 'message'): any[] | undefined {
  const blocks = ctx.args.blocks;
  if (blocks === undefined || blocks === null || blocks === '') return undefined;
  if (!Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  const issues = validateBlocks(blocks, surface);
  const errors = errorsIn(issues);
  if (errors.length > 0) {
    throw new SlackApiError('invalid_blocks', {
      errors: errors.map((m) => m.replace(/^\[ERROR\] /, '')),
      response_metadata: { messages: issues },
    });
  }
  ctx.warnings.push(...issues);
  return blocks;
}
