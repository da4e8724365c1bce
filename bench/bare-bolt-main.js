/**
 * The start-up, memory and acknowledgement baseline: a Bolt app as its getting-started guide has
 * it, started the way Commander is (plain `node`, HTTP receiver, auth.test at start, a /healthz
 * route), with one `/incident` listener that only acks. Plain JavaScript so no compiler is loaded.
 * Given BARE_ACK_BODY (JSON), it acks with that body, so that an acknowledgement which carries a
 * reply is compared with Bolt sending the same reply.
 */
const { App, HTTPReceiver } = require('@slack/bolt');

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      },
    },
  ],
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  receiver,
});
const ackBody = process.env.BARE_ACK_BODY ? JSON.parse(process.env.BARE_ACK_BODY) : undefined;
app.command('/incident', async ({ ack }) => {
  await ack(ackBody);
});
app.start(Number(process.env.PORT)).catch((error) => {
  console.error(error);
  process.exit(1);
});
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
