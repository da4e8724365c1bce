import { createRemoteJWKSet } from 'jose';
import type { Env } from '../config/env';
import { createConsoleSlack } from '../slack/adapters/console-slack';
import { type Authenticator, readersOf } from '../web/auth/authenticator';
import { proxyAuth } from '../web/auth/proxy-auth';
import { createSessions } from '../web/auth/sessions';
import { slackSignIn } from '../web/auth/slack-sign-in';
import type { ConsolePages } from '../web/console.types';
import { createConsolePages } from '../web/pages/console-pages';
import { readerChannels } from '../web/pages/reader-channels';
import { slackText } from '../slack/text/slack-text';
import type { PeopleDirectory } from '../slack/adapters/people-directory';
import { startWebServer, type WebServer } from '../web/server';
import type { Foundation } from './foundation';

/**
 * The web console on WEB_PORT (src/web): the sign-in the environment chose, and the pages. Required
 * only when WEB_PORT is set, so that a deployment without the console never loads jose.
 */
export async function startWeb(
  f: Foundation,
  o: {
    port: number;
    /** The workspace Commander is installed in (auth.test's team_id). */
    teamId: string;
    /** What Slack said about people: readers' time zones. */
    people: PeopleDirectory;
  },
): Promise<WebServer> {
  const { env, policy, store, clock, logger } = f;
  const baseUrl = env.WEB_BASE_URL as string;
  const slack = createConsoleSlack({
    lookupClient: f.slack.lookupClient,
    clientOptions: f.slack.clientOptions,
    clientId: env.SLACK_CLIENT_ID ?? '',
    clientSecret: env.SLACK_CLIENT_SECRET ?? '',
    people: o.people,
  });
  const readerOf = readersOf(slack, clock);
  const pages: ConsolePages = createConsolePages({
    store,
    policy,
    clock,
    chat: slackText,
    privateChannels: readerChannels(slack, clock),
    timelineChanges: f.timelineChanges,
    teamId: o.teamId,
  });
  return startWebServer({
    port: o.port,
    auth: authenticator(f, env, baseUrl, o.teamId, slack, readerOf),
    pages,
    logger,
  });
}

function authenticator(
  f: Foundation,
  env: Env,
  baseUrl: string,
  teamId: string,
  slack: ReturnType<typeof createConsoleSlack>,
  readerOf: ReturnType<typeof readersOf>,
): Authenticator {
  if (env.WEB_AUTH === 'proxy')
    return proxyAuth({
      header: env.WEB_PROXY_HEADER,
      trusted: env.WEB_TRUSTED_PROXIES ?? [],
      slack,
      clock: f.clock,
      readerOf,
    });
  // Slack's sign-in pages, keys and issuer live at the origin of its Web API (GovSlack, tests).
  const slackOrigin = new URL(env.SLACK_API_URL).origin;
  const clientId = env.SLACK_CLIENT_ID as string;
  return slackSignIn({
    baseUrl,
    slackOrigin,
    clientId,
    check: {
      keys: createRemoteJWKSet(new URL('/openid/connect/keys', slackOrigin)),
      issuer: slackOrigin,
      clientId,
      teamId,
    },
    slack,
    sessions: createSessions({ store: f.store, clock: f.clock, sessionFor: f.policy.web.sessionFor }),
    store: f.store,
    clock: f.clock,
    readerOf,
  });
}
