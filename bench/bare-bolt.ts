import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';

/**
 * The baseline for the ack-latency bench: a Bolt app with Bolt's defaults and one `/incident`
 * listener that only acks. Only what it needs to start without Slack is set: a token and the bot
 * identity (so no auth.test), token verification off, and the Web API at the fake Slack.
 */
export async function startBareBolt(o: {
  signingSecret: string;
  token: string;
  slackApiUrl: string;
}): Promise<{ eventsUrl: string; stop(): Promise<void> }> {
  const app = new App({
    token: o.token,
    botId: 'BCOMMANDER',
    botUserId: 'UBOTCOMMANDER',
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: o.slackApiUrl },
    receiver: new HTTPReceiver({ signingSecret: o.signingSecret }),
  });
  app.command('/incident', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { eventsUrl: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop() as Promise<void> };
}
