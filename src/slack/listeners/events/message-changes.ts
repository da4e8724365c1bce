import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps';

const Ts = z.string().regex(/^\d+\.\d+$/);
const Channel = z.string().regex(/^[CGD][A-Z0-9]+$/);

const Changed = z.object({
  subtype: z.literal('message_changed'),
  channel: Channel,
  message: z.object({ ts: Ts, text: z.string().max(40_000).default('') }),
});

const Deleted = z.object({ subtype: z.literal('message_deleted'), channel: Channel, deleted_ts: Ts });

/**
 * Messages in channels the app is in. Only edits and deletions matter, and only of messages
 * captured on a timeline: the rest are dropped at once (Slack sends every message here).
 */
export function messageChanged(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    const changed = Changed.safeParse(event);
    if (changed.success) {
      const { channel, message } = changed.data;
      await deps.timelineEdits.sourceEdited({ channelId: channel, ts: message.ts, text: message.text });
      return;
    }
    const deleted = Deleted.safeParse(event);
    if (deleted.success)
      await deps.timelineEdits.sourceDeleted({ channelId: deleted.data.channel, ts: deleted.data.deleted_ts });
  };
}
