import type { WebClient } from '@slack/web-api';
import type { PostKey } from '../../incidents/conversation.port';
import type { SlackMessage } from '../blocks/kit';
import type { PostName, PostNamedOnce } from './keyed-posts';

export type DirectMessages = ReturnType<typeof createDirectMessages>;

/** Posts once per key (keyed-posts.ts): what DMs about an incident's timed work go through. */
export type PostOnce = (
  channel: string,
  message: SlackMessage & { unfurl_links?: boolean },
  key: PostKey,
) => Promise<string>;

/**
 * DMs from the app. chat.postMessage takes a person's user id as the channel and posts in the
 * app's DM with them (their App Home's Messages tab), so no conversations.open comes first: a DM
 * is one round trip, even to someone the app never wrote to. `sendOnce` carries metadata naming
 * the incident and step; only a replica taking over timed work another left half done
 * (key.mayExist) opens the DM, since reading its history needs the DM's own id.
 */
export function createDirectMessages(client: WebClient, postOnce?: PostOnce, postNamedOnce?: PostNamedOnce) {
  const opened = new Map<string, string>();
  const open = async (userId: string): Promise<string> => {
    let channel = opened.get(userId);
    if (!channel) {
      const answer = await client.conversations.open({ users: userId });
      channel = answer.channel?.id as string;
      opened.set(userId, channel);
    }
    return channel;
  };
  return {
    async send(userId: string, message: SlackMessage): Promise<void> {
      await client.chat.postMessage({ channel: userId, ...message, unfurl_links: false });
    },
    async sendOnce(userId: string, message: SlackMessage, key: PostKey): Promise<void> {
      if (!postOnce) {
        await client.chat.postMessage({ channel: userId, ...message, unfurl_links: false });
        return;
      }
      const channel = key.mayExist ? await open(userId) : (opened.get(userId) ?? userId);
      await postOnce(channel, { ...message, unfurl_links: false }, key);
    },
    /** Like sendOnce, for a DM about something other than an incident (a hand-off), named by `name`. */
    async sendNamedOnce(userId: string, message: SlackMessage, name: PostName, mayExist: boolean): Promise<void> {
      if (!postNamedOnce) {
        await client.chat.postMessage({ channel: userId, ...message, unfurl_links: false });
        return;
      }
      const channel = mayExist ? await open(userId) : (opened.get(userId) ?? userId);
      await postNamedOnce(channel, { ...message, unfurl_links: false }, name, mayExist);
    },
  };
}
