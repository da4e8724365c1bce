import type { WebClient } from '@slack/web-api';
import type { PostKey } from '../incidents/conversation.port';
import type { SlackMessage } from './blocks/kit';

export type DirectMessages = ReturnType<typeof createDirectMessages>;

/** Posts once per key (keyed-posts.ts): what DMs about an incident's timed work go through. */
export type PostOnce = (
  channel: string,
  message: SlackMessage & { unfurl_links?: boolean },
  key: PostKey,
) => Promise<string>;

/**
 * DMs from the app: each person's DM channel is opened once and remembered. `sendOnce` carries the
 * message metadata naming the incident and step, so a replica taking over timed work another left
 * half done (key.mayExist) finds a DM already sent instead of sending it again.
 */
export function createDirectMessages(client: WebClient, postOnce?: PostOnce) {
  const channels = new Map<string, string>();
  const open = async (userId: string): Promise<string> => {
    let channel = channels.get(userId);
    if (!channel) {
      const opened = await client.conversations.open({ users: userId });
      channel = opened.channel?.id as string;
      channels.set(userId, channel);
    }
    return channel;
  };
  return {
    async send(userId: string, message: SlackMessage): Promise<void> {
      await client.chat.postMessage({ channel: await open(userId), ...message, unfurl_links: false });
    },
    async sendOnce(userId: string, message: SlackMessage, key: PostKey): Promise<void> {
      const channel = await open(userId);
      if (!postOnce) {
        await client.chat.postMessage({ channel, ...message, unfurl_links: false });
        return;
      }
      await postOnce(channel, { ...message, unfurl_links: false }, key);
    },
  };
}
