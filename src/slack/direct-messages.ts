import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from './blocks/kit';

export type DirectMessages = ReturnType<typeof createDirectMessages>;

/** DMs from the app: each person's DM channel is opened once and remembered. */
export function createDirectMessages(client: WebClient) {
  const channels = new Map<string, string>();
  return {
    async send(userId: string, message: SlackMessage): Promise<void> {
      let channel = channels.get(userId);
      if (!channel) {
        const opened = await client.conversations.open({ users: userId });
        channel = opened.channel?.id as string;
        channels.set(userId, channel);
      }
      await client.chat.postMessage({ channel, ...message, unfurl_links: false });
    },
  };
}
