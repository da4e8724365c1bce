import { App, type CustomRoute, HTTPReceiver } from '@slack/bolt';
import { boltLogger } from '../slack/transport/bolt-logger';
import { guardRoutes } from '../slack/transport/guarded-routes';
import { EVENTS_PATH, guardSlackRequests } from '../slack/transport/request-guard';
import type * as SocketReceiverModule from '../slack/transport/socket-receiver';
import type { SocketReceiver } from '../slack/transport/socket-receiver';
import type { Foundation } from './foundation';
import { healthRoute } from './health';

/**
 * Bolt's App on its receiver: Socket Mode when SLACK_APP_TOKEN is set, otherwise signed HTTP
 * requests on PORT. Either way PORT also serves /healthz and `routes` (the alert endpoints).
 */
export function buildBolt(
  { env, logger, clock, engine, inFlight, slack }: Foundation,
  identity: { botUserId: string; botId: string },
  routes: CustomRoute[],
): { app: App; socketReceiver: SocketReceiver | undefined } {
  let socketReceiver: SocketReceiver | undefined;
  const customRoutes = guardRoutes(
    [healthRoute({ engine, inFlight, clock, socket: () => socketReceiver }), ...routes],
    logger,
  );
  const common = {
    token: env.SLACK_BOT_TOKEN,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger: boltLogger(logger),
    clientOptions: slack.clientOptions,
    // Bolt's default conversation store costs a lookup per request and nothing here reads it.
    convoStore: false as const,
    // ignoreSelf filters the bot's own message events; Commander subscribes to none, and the
    // middleware would cost a step on every request.
    ignoreSelf: false,
  };
  if (env.SLACK_APP_TOKEN) {
    // A require, not an import: an app in HTTP mode never loads the Socket Mode receiver.
    const { SocketReceiver } = require('../slack/transport/socket-receiver') as typeof SocketReceiverModule;
    socketReceiver = new SocketReceiver({
      appToken: env.SLACK_APP_TOKEN,
      logger: boltLogger(logger, 'socket-mode'),
      clock,
      clientOptions: slack.clientOptions,
      port: env.PORT,
      customRoutes,
    });
    return { app: new App({ ...common, receiver: socketReceiver }), socketReceiver };
  }
  const signingSecret = env.SLACK_SIGNING_SECRET as string;
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS_PATH,
    customRoutes,
    logger: boltLogger(logger, 'receiver'),
  });
  guardSlackRequests(receiver, { signingSecret, logger: logger.child({ component: 'receiver' }) });
  return { app: new App({ ...common, receiver }), socketReceiver };
}
