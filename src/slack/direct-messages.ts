import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from './blocks/kit';

export type DirectMessages = ReturnType<typeof createDirectMessages>;

/**
 * DMs from the app. chat.postMessage takes a person's user id as the channel and posts in the
 * app's DM with them (their App Home's Messages tab), so no conversations.open comes first: a DM
 * is one round trip, even to someone the app never wrote to.
 */
export function createDirectMessages(client: WebClient) {
  return {
    async send(userId: string, message: SlackMessage): Promise<void> {
      await client.chat.postMessage({ channel: userId, ...message, unfurl_links: false });
    },
  };
}
