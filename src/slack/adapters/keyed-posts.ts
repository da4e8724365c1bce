import type { WebClient } from '@slack/web-api';
import type { PostKey } from '../../incidents/conversation.port';
import type { Logger } from '../../logger';
import { type RepeatPolicy, withoutRepeating } from './ambiguous';
import type { SlackMessage } from '../blocks/kit';
import { slackErrorCode } from './slack-errors';

/** The metadata event type on Commander's own posts; the payload names what the post is for (PostName). */
export const POST_EVENT = 'commander_post';

/** How far back a retry looks for a post it may already have made: the newest messages first. */
const HISTORY_LIMIT = 200;

type Message = SlackMessage & { unfurl_links?: boolean };

/**
 * What a post's metadata payload names, so that it can be found again: an incident's post by
 * `incident_id` and `step`, an alert notice by `alert_notice` (the row's id).
 */
export type PostName = Record<string, string | number>;

/** A post that names something other than an incident's step (an alert notice). */
export type PostNamedOnce = (channel: string, message: Message, name: PostName, mayExist: boolean) => Promise<string>;

/** The name as log fields (incidentId, step; alertNotice), as every other log line writes them. */
const logged = (name: PostName) =>
  Object.fromEntries(
    Object.entries(name).map(([k, v]) => [k.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()), v]),
  );

const named = (payload: Record<string, unknown> | undefined, name: PostName) =>
  payload !== undefined && Object.entries(name).every(([field, value]) => payload[field] === value);

/**
 * Posts a message at most once per key. Each post carries metadata naming it (its incident and
 * step, or what else it is for); when an earlier attempt may have posted it (a retry, a restart)
 * or this one failed in a way that leaves that open (a 5xx, a lost answer), the channel's history
 * is read first and a message found there is taken instead of posting a second.
 */
export function createKeyedPosts(deps: { client: WebClient; logger: Logger; repeat: RepeatPolicy }) {
  const { client, logger } = deps;
  /** Kinds of conversation (C, G, D) whose history the token may not read: not asked again, said once. */
  const unreadable = new Set<string>();
  /**
   * Each kind's first look: looks made while it is unanswered (reminders sent at once) wait for it,
   * so a missing scope is asked about once, not by each of them.
   */
  const firstLooks = new Map<string, Promise<unknown>>();

  async function find(channel: string, name: PostName): Promise<string | null> {
    const kind = channel.slice(0, 1);
    const first = firstLooks.get(kind);
    if (first) await first;
    if (unreadable.has(kind)) return null;
    const look = lookFor(channel, name, kind);
    if (!firstLooks.has(kind)) firstLooks.set(kind, look);
    return look;
  }

  async function lookFor(channel: string, name: PostName, kind: string): Promise<string | null> {
    try {
      const history = await client.conversations.history({ channel, limit: HISTORY_LIMIT, include_all_metadata: true });
      const found = history.messages?.find(
        (m) =>
          m.metadata?.event_type === POST_EVENT &&
          named(m.metadata.event_payload as Record<string, unknown> | undefined, name),
      );
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
      logger.warn({ ...logged(name), code: slackErrorCode(error) }, 'could not look for an earlier post');
      return null;
    }
  }

  async function post(channel: string, message: Message, name: PostName): Promise<string> {
    const metadata = { event_type: POST_EVENT, event_payload: name };
    const result = await client.chat.postMessage({ channel, ...message, metadata });
    return result.ts as string;
  }

  const postNamedOnce: PostNamedOnce = async (channel, message, name, mayExist) => {
    if (mayExist) {
      const earlier = await find(channel, name);
      if (earlier) return earlier;
    }
    return withoutRepeating(
      deps.repeat,
      () => post(channel, message, name),
      async () => {
        const posted = await find(channel, name);
        if (posted) logger.info(logged(name), 'a post whose answer was lost had gone through');
        return posted;
      },
    );
  };

  return {
    async postOnce(channel: string, message: Message, key: PostKey): Promise<string> {
      return postNamedOnce(channel, message, { incident_id: key.incidentId, step: key.step }, key.mayExist);
    },
    postNamedOnce,
  };
}
