import type { WebClient } from '@slack/web-api';
import type { PostKey } from '../incidents/conversation.port';
import type { Logger } from '../logger';
import { type RepeatPolicy, withoutRepeating } from './ambiguous';
import type { SlackMessage } from './blocks/kit';
import { slackErrorCode } from './slack-errors';

/** The metadata event type on Commander's own posts; the payload names the incident and the step. */
export const POST_EVENT = 'commander_post';

/** How far back a retry looks for a post it may already have made: the newest messages first. */
const HISTORY_LIMIT = 200;

type Message = SlackMessage & { unfurl_links?: boolean };

/**
 * Posts a message at most once per key. Each post carries metadata naming its incident and
 * step; when an earlier attempt may have posted it (a retry, a restart) or this one failed in a
 * way that leaves that open (a 5xx, a lost answer), the channel's history is read first and a
 * message found there is taken instead of posting a second.
 */
export function createKeyedPosts(deps: { client: WebClient; logger: Logger; repeat: RepeatPolicy }) {
  const { client, logger } = deps;
  /** Kinds of conversation (C, G, D) whose history the token may not read: not asked again, said once. */
  const unreadable = new Set<string>();

  async function find(channel: string, key: PostKey): Promise<string | null> {
    const kind = channel.slice(0, 1);
    if (unreadable.has(kind)) return null;
    try {
      const history = await client.conversations.history({ channel, limit: HISTORY_LIMIT, include_all_metadata: true });
      const found = history.messages?.find((m) => {
        const payload = m.metadata?.event_payload as { incident_id?: unknown; step?: unknown } | undefined;
        return (
          m.metadata?.event_type === POST_EVENT && payload?.incident_id === key.incidentId && payload?.step === key.step
        );
      });
      return found?.ts ?? null;
    } catch (error) {
      // Unable to look (not a member, no scope): posting again risks a duplicate, not posting loses the message.
      if (slackErrorCode(error) === 'missing_scope') {
        unreadable.add(kind);
        logger.warn(
          { code: 'missing_scope', conversation: kind === 'D' ? 'im' : kind === 'G' ? 'private' : 'public' },
          'cannot read this kind of conversation to look for earlier posts; posting without looking (reinstall the app from manifest.yml)',
        );
        return null;
      }
      logger.warn(
        { incidentId: key.incidentId, step: key.step, code: slackErrorCode(error) },
        'could not look for an earlier post',
      );
      return null;
    }
  }

  async function post(channel: string, message: Message, key: PostKey): Promise<string> {
    const metadata = { event_type: POST_EVENT, event_payload: { incident_id: key.incidentId, step: key.step } };
    const result = await client.chat.postMessage({ channel, ...message, metadata });
    return result.ts as string;
  }

  return {
    async postOnce(channel: string, message: Message, key: PostKey): Promise<string> {
      if (key.mayExist) {
        const earlier = await find(channel, key);
        if (earlier) return earlier;
      }
      return withoutRepeating(
        deps.repeat,
        () => post(channel, message, key),
        async () => {
          const posted = await find(channel, key);
          if (posted)
            logger.info(
              { incidentId: key.incidentId, step: key.step },
              'a post whose answer was lost had gone through',
            );
          return posted;
        },
      );
    },
  };
}
