import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { ConsoleSlackPort } from '../../web/auth/console-slack.port';
import { SignInRefused } from '../../web/auth/console-slack.port';
import type { PeopleDirectory } from './people-directory';
import { readerZone } from './reader-zone';
import { slackErrorCode, slackPort } from './slack-errors';

/**
 * The web console's questions to Slack. The code exchange goes through a client without the bot
 * token (openid.connect.token authenticates with the app's client id and secret), and is never
 * retried: a code works once, so a retry after a lost answer would only be refused.
 */
export function createConsoleSlack(o: {
  lookupClient: WebClient;
  clientOptions: WebClientOptions;
  clientId: string;
  clientSecret: string;
  people: PeopleDirectory;
}): ConsoleSlackPort {
  const { lookupClient } = o;
  const signInClient = new WebClient(undefined, { ...o.clientOptions, retryConfig: { retries: 0 } });
  return slackPort<ConsoleSlackPort>({
    async exchangeCode(code, redirectUri) {
      try {
        const answer = await signInClient.openid.connect.token({
          client_id: o.clientId,
          client_secret: o.clientSecret,
          code,
          redirect_uri: redirectUri,
        });
        if (!answer.id_token) throw new SignInRefused('Slack answered the sign-in without an id_token.');
        return answer.id_token;
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === 'invalid_code' || code === 'code_already_used' || code === 'code_expired')
          throw new SignInRefused('This sign-in link was already used or has expired. Sign in again.');
        if (code === 'invalid_client_id' || code === 'bad_client_secret' || code === 'bad_redirect_uri')
          throw new SignInRefused(
            `Slack refused Commander's sign-in settings (${code}): check SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and the redirect URL in the app's manifest.`,
            403,
          );
        // Anything else (no answer, a rate limit) reaches the console as a ChatError.
        throw error;
      }
    },
    async timeZoneOf(userId) {
      return (await readerZone(o.people, userId, '')) || null;
    },
    async userIdByEmail(email) {
      try {
        const { user } = await lookupClient.users.lookupByEmail({ email });
        if (!user?.id || user.deleted || user.is_bot) return null;
        return user.id;
      } catch (error) {
        if (slackErrorCode(error) === 'users_not_found') return null;
        throw error;
      }
    },
    async privateChannelsOf(userId) {
      const channels: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < CHANNEL_PAGES; page++) {
        const answer = await lookupClient.users.conversations({
          user: userId,
          types: 'private_channel',
          limit: CHANNELS_PER_PAGE,
          ...(cursor ? { cursor } : {}),
        });
        for (const channel of answer.channels ?? []) if (channel.id) channels.push(channel.id);
        cursor = answer.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return channels;
    },
  });
}

/** Slack's largest page; and a bound on pages, so one person in very many channels cannot hold a page up. */
const CHANNELS_PER_PAGE = 999;
const CHANNEL_PAGES = 20;
