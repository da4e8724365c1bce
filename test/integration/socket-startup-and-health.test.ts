import { FakeSlack } from '../support/fake-slack';
import { APP_TOKEN, BOT_TOKEN, type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

let h: Harness;
afterEach(async () => h.stop());

const health = async () => {
  const response = await fetch(h.healthUrl);
  return { status: response.status, body: await response.json() };
};

describe('/healthz in Socket Mode', () => {
  it('says the socket is connected', async () => {
    h = await startHarness({ transport: 'socket' });
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', inFlight: 0, socket: 'connected' } });
  });

  it('stays 200 while reconnecting, answers 503 after 60 s without a connection, and 200 again once back', async () => {
    h = await startHarness({ transport: 'socket' });
    const held = h.fake.socket.holdConnections();
    const before = h.fake.socket.open().map((c) => c.id);
    h.fake.socket.drop();
    await h.fake.socket.waitUntil(
      () => h.fake.socket.open().every((c) => !before.includes(c.id)) && held.waiting() > 0,
      'the app reconnecting',
    );

    h.clock.advance(60_000);
    expect(await health()).toEqual({
      status: 200,
      body: { status: 'ok', inFlight: 0, socket: 'reconnecting', downForSeconds: 60 },
    });
    h.clock.advance(1_000);
    expect(await health()).toEqual({
      status: 503,
      body: { status: 'socket disconnected', inFlight: 0, socket: 'disconnected', downForSeconds: 61 },
    });

    held.release();
    // A command answered means a connection has had its hello: the app is connected again.
    expect((await h.user(PEOPLE.alice).command('help')).status).toBe(200);
    await expect(health()).resolves.toMatchObject({ status: 200, body: { socket: 'connected' } });
  });
});

describe('/healthz over HTTP', () => {
  it('says nothing about a socket', async () => {
    h = await startHarness();
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', inFlight: 0 } });
  });
});

describe('Socket Mode start-up and settings', () => {
  it('a wrong app-level token stops start-up with a sentence naming SLACK_APP_TOKEN', async () => {
    const fake = await FakeSlack.start({ token: BOT_TOKEN, appToken: 'xapp-1-A0COMMANDER-2-another' });
    try {
      await expect(startHarness({ transport: 'socket', fake })).rejects.toThrow(
        'Slack rejected SLACK_APP_TOKEN (invalid_auth). Use an App-Level Token (xapp-…) with the connections:write scope from Basic Information in your Slack app.',
      );
    } finally {
      await fake.stop();
    }
    h = { stop: async () => undefined } as Harness;
  });

  it('link_disabled is logged as a setting to fix, and the app keeps trying to connect', async () => {
    const logLines: string[] = [];
    h = await startHarness({ transport: 'socket', logLines });
    const before = h.fake.socket.open().map((c) => c.id);
    h.fake.socket.disable();
    await h.fake.socket.waitUntil(
      () => h.fake.socket.open().filter((c) => !before.includes(c.id) && c.state === 'open').length === 2,
      'new connections',
    );
    const errors = logLines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
    expect(errors).toEqual(
      [0, 1].map(() =>
        expect.objectContaining({ component: 'socket-mode', msg: expect.stringContaining('link_disabled') }),
      ),
    );
  });
});

describe('Socket Mode logs', () => {
  it('hold no token, and the socket client does not log the envelopes people filled in, even at debug level', async () => {
    const logLines: string[] = [];
    h = await startHarness({ transport: 'socket', logLines });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Logged over sockets',
      impact: 'Secret customer impact',
    });
    await h.user(PEOPLE.bob).command('note Private detail 42', incident.channelId);
    const all = logLines.join('\n');
    const socketLines = logLines.filter((l) => JSON.parse(l).component === 'socket-mode');
    expect(socketLines.length).toBeGreaterThan(5);
    for (const token of [APP_TOKEN, BOT_TOKEN]) expect(all).not.toContain(token);
    for (const typed of ['Secret customer impact', 'Private detail 42'])
      expect(socketLines.join('\n')).not.toContain(typed);
  });
});
