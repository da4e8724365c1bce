import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Env } from '../../config/env';
import { StartupError } from '../../errors/startup-error';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics/metrics';
import { repeatPolicyFrom, stopWhenAmbiguous } from '../adapters/ambiguous';
import { boltLogger } from './bolt-logger';
import { meteredFetch } from './metered-fetch';
import { warnMissingScopes } from './scopes';
import { slackErrorCode } from '../adapters/slack-errors';

const DEFAULT_CLIENT_OPTIONS: Partial<WebClientOptions> = {
  // Background work may wait out a rate limit; the whole client pauses for Retry-After then retries.
  retryConfig: { retries: 4, factor: 2, minTimeout: 1_000, maxTimeout: 15_000, randomize: true },
  timeout: 15_000,
};

const LOOKUP_CLIENT_OPTIONS: Partial<WebClientOptions> = {
  retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 200 },
  timeout: 2_500,
  rejectRateLimitedCalls: true,
};

/** The bot's ids, and the workspace the app is installed in (the web console admits its members only). */
export async function whoAmI(
  client: WebClient,
  logger: Logger,
): Promise<{ botUserId: string; botId: string; teamId: string }> {
  try {
    const auth = await client.auth.test();
    warnMissingScopes(auth.response_metadata?.scopes, logger);
    return { botUserId: auth.user_id as string, botId: auth.bot_id as string, teamId: auth.team_id as string };
  } catch (error) {
    const code = slackErrorCode(error) ?? 'unreachable';
    if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
      throw new StartupError(
        `Slack rejected SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token from your Slack app.`,
      );
    }
    const reason = code === 'slack_webapi_request_error' ? 'network error' : code;
    throw new StartupError(`Could not reach Slack at ${client.slackApiUrl} to check the token (${reason}).`);
  }
}

/**
 * The Web API clients Commander talks to Slack with: one for background work that may wait out a
 * rate limit, one for lookups someone is waiting on, and one for posts that must not be repeated
 * blindly. With metrics on, every call is counted and timed.
 */
export function createSlackClients({
  env,
  logger,
  metrics,
  overrides,
}: {
  env: Env;
  logger: Logger;
  metrics: Metrics | undefined;
  /** Overrides for every client (tests shorten retries and timeouts). */
  overrides: Partial<WebClientOptions> | undefined;
}) {
  const clientOptions: WebClientOptions = {
    ...DEFAULT_CLIENT_OPTIONS,
    ...overrides,
    slackApiUrl: env.SLACK_API_URL,
    logger: boltLogger(logger, 'web-api'),
    ...(metrics
      ? {
          fetch: meteredFetch((method, outcome, seconds) => {
            metrics.slackCalls.inc({ method, outcome });
            metrics.slackLatency.observe({ method }, seconds);
            if (outcome === 'rate_limited') metrics.rateLimited.inc({ method });
          }),
        }
      : {}),
  };
  const client = new WebClient(env.SLACK_BOT_TOKEN, clientOptions);
  // Lookups someone is waiting on (may they change this? may they see that?) fail fast rather
  // than sit out a long Retry-After: the person gets an answer, the check fails closed.
  const lookupClient = new WebClient(env.SLACK_BOT_TOKEN, {
    ...clientOptions,
    ...LOOKUP_CLIENT_OPTIONS,
    ...overrides,
  });
  // Posts and channel creation must not be repeated blindly: a 5xx or a lost answer may come after
  // Slack did the work, so this client's retries stop there and the caller looks before repeating.
  const onceOptions: WebClientOptions = {
    ...clientOptions,
    // p-retry (under the client) reads onFailedAttempt; the client's type does not list it.
    retryConfig: {
      ...clientOptions.retryConfig,
      onFailedAttempt: stopWhenAmbiguous,
    } as WebClientOptions['retryConfig'],
  };
  const onceClient = new WebClient(env.SLACK_BOT_TOKEN, onceOptions);
  // A client waiting out a 429 pauses every call it holds, whatever its method or channel. In a
  // storm, posts (announcements above all: one channel, about one a second) are what Slack limits
  // first; channel creation, which everything else of a declaration needs, gets a client of its
  // own so that it is never held up by the posts' Retry-After.
  const channelsClient = new WebClient(env.SLACK_BOT_TOKEN, onceOptions);
  const repeat = repeatPolicyFrom(clientOptions.retryConfig);
  return { clientOptions, client, lookupClient, onceClient, channelsClient, repeat };
}
