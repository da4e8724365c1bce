import net from 'node:net';
import { appProcessExit } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { BOT_TOKEN } from '../support/harness';

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('METRICS_PORT at start-up', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start({ token: BOT_TOKEN });
  });
  afterAll(async () => fake.stop());

  it('equal to PORT stops start-up with a sentence naming both, not listen EADDRINUSE', async () => {
    const port = String(await freePort());
    const exit = await appProcessExit({ fake, env: { PORT: port, METRICS_PORT: port } });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe(
      `Commander cannot start: METRICS_PORT: is ${port}, the same as PORT: /metrics needs a port of its own (for example 9100), so that it is not served where Slack and alert senders reach the app\n`,
    );
  });
});
