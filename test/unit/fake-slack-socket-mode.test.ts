import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import WebSocket from 'ws';
import { DEFAULT_APP_TOKEN, DEFAULT_TOKEN, FakeSlack } from '../support/fake-slack';

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start({ socketMode: { ackTimeoutMs: 150, refreshCloseMs: 150 } });
});
afterEach(async () => fake.stop());

const client = (token: string) =>
  new WebClient(token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silent });

/** An app's end of a Socket Mode connection: every message it got, and a way to ack. */
async function connect(): Promise<{
  socket: WebSocket;
  messages: any[];
  next(type?: string): Promise<any>;
  closed: Promise<number>;
}> {
  const { url } = await client(DEFAULT_APP_TOKEN).apps.connections.open();
  const socket = new WebSocket(url as string);
  const messages: any[] = [];
  const waiting: Array<{ type?: string; resolve: (m: any) => void }> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    messages.push(message);
    const waiter = waiting.find((w) => w.type === undefined || w.type === message.type);
    if (waiter) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const next = (type?: string) => new Promise<any>((resolve) => waiting.push({ type, resolve }));
  const hello = next('hello');
  await hello;
  return { socket, messages, next, closed };
}

async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error: any) {
    return error.data?.error;
  }
  throw new Error('expected the call to fail');
}

describe('apps.connections.open', () => {
  it('answers a WebSocket URL on the fake to the app-level token', async () => {
    const answer = await client(DEFAULT_APP_TOKEN).apps.connections.open();
    expect(answer.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
  });

  it('refuses the bot token as the wrong kind of token, and a wrong token as invalid', async () => {
    expect(await slackError(client(DEFAULT_TOKEN).apps.connections.open())).toBe('not_allowed_token_type');
    expect(await slackError(client('xapp-1-wrong').apps.connections.open())).toBe('invalid_auth');
  });

  it('refuses the app-level token on bot methods', async () => {
    expect(await slackError(client(DEFAULT_APP_TOKEN).chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe(
      'not_allowed_token_type',
    );
  });
});

describe('a Socket Mode connection', () => {
  it('starts with hello as Slack sends it', async () => {
    const app = await connect();
    expect(app.messages[0]).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: {
        host: expect.any(String),
        build_number: expect.any(Number),
        approximate_connection_time: expect.any(Number),
      },
      connection_info: { app_id: 'A0COMMANDER' },
    });
    app.socket.close();
  });

  it('takes each URL once', async () => {
    const { url } = await client(DEFAULT_APP_TOKEN).apps.connections.open();
    const first = new WebSocket(url as string);
    await new Promise((resolve) => first.once('message', resolve));
    const second = new WebSocket(url as string);
    expect(await new Promise((resolve) => second.on('close', resolve))).toBe(1008);
    first.close();
  });

  it('delivers an envelope and records the ack with its payload', async () => {
    const app = await connect();
    const envelope = app.next();
    const delivery = fake.socket.deliver('slash_commands', { command: '/incident', text: 'help' });
    const sent = await envelope;
    expect(sent).toEqual({
      envelope_id: expect.any(String),
      type: 'slash_commands',
      payload: { command: '/incident', text: 'help' },
      accepts_response_payload: true,
    });
    app.socket.send(JSON.stringify({ envelope_id: sent.envelope_id, payload: { text: 'Commands:' } }));
    expect((await delivery).outcome).toEqual({ acked: { text: 'Commands:' } });
    app.socket.close();
  });

  it('marks a redelivery with retry_attempt and retry_reason; events do not accept a response payload', async () => {
    const app = await connect();
    const envelope = app.next();
    void fake.socket.deliver('events_api', { event_id: 'Ev1' }, { attempt: 1, reason: 'timeout' });
    const sent = await envelope;
    expect(sent).toMatchObject({
      type: 'events_api',
      retry_attempt: 1,
      retry_reason: 'timeout',
      accepts_response_payload: false,
    });
    app.socket.close();
  });

  it('counts an envelope nobody acks in time as a failure the user sees', async () => {
    const app = await connect();
    expect((await fake.socket.deliver('interactive', { type: 'block_actions' })).outcome).toEqual({
      error: 'operation_timeout',
    });
    app.socket.close();
  });

  it('fails at once with dispatch_failed when no connection is open', async () => {
    expect((await fake.socket.deliver('slash_commands', { text: 'help' })).outcome).toEqual({
      error: 'dispatch_failed',
    });
  });

  it('sends each envelope to one connection, and at most ten connections are let in', async () => {
    const apps = await Promise.all(Array.from({ length: 10 }, () => connect()));
    const deliveries = Array.from({ length: 10 }, (_, i) => fake.socket.deliver('events_api', { event_id: `Ev${i}` }));
    await Promise.all(deliveries);
    expect(apps.map((a) => a.messages.filter((m) => m.type === 'events_api').length)).toEqual(Array(10).fill(1));
    const { url } = await client(DEFAULT_APP_TOKEN).apps.connections.open();
    const eleventh = new WebSocket(url as string);
    const said = new Promise((resolve) => eleventh.once('message', (data) => resolve(JSON.parse(data.toString()))));
    expect(await said).toEqual({ type: 'disconnect', reason: 'too_many_websockets' });
    for (const app of apps) app.socket.close();
  });
});

describe('disconnects', () => {
  it('refresh_requested comes first; the connection is closed later, and new envelopes prefer other connections', async () => {
    const old = await connect();
    fake.socket.refresh([fake.socket.open()[0]!.id]);
    expect(await old.next('disconnect')).toEqual({
      type: 'disconnect',
      reason: 'refresh_requested',
      debug_info: { host: expect.any(String) },
    });
    expect(fake.socket.open()).toEqual([{ id: expect.any(Number), state: 'refreshing' }]);
    const fresh = await connect();
    const envelope = fresh.next('events_api');
    void fake.socket.deliver('events_api', { event_id: 'Ev1' });
    await envelope;
    expect(old.messages.filter((m) => m.type === 'events_api')).toEqual([]);
    expect(await old.closed).toBe(1001);
    fresh.socket.close();
  });

  it('a refreshing connection still takes envelopes when it is the only one', async () => {
    const old = await connect();
    fake.socket.refresh();
    const envelope = old.next('events_api');
    void fake.socket.deliver('events_api', { event_id: 'Ev1' });
    expect((await envelope).payload).toEqual({ event_id: 'Ev1' });
    await old.closed;
  });

  it('link_disabled is said before the close', async () => {
    const app = await connect();
    fake.socket.disable();
    expect(await app.next('disconnect')).toMatchObject({ type: 'disconnect', reason: 'link_disabled' });
    expect(await app.closed).toBe(1000);
  });

  it('a dropped connection sends no close frame, and an envelope waiting on it fails', async () => {
    const app = await connect();
    const envelope = app.next('slash_commands');
    const delivery = fake.socket.deliver('slash_commands', { text: 'help' });
    await envelope;
    fake.socket.drop();
    expect(await app.closed).toBe(1006);
    expect((await delivery).outcome).toEqual({ error: 'dispatch_failed' });
    expect(fake.socket.open()).toEqual([]);
  });
});

describe('a broken Slack', () => {
  it('sends a raw frame as is and records the ack of its envelope id', async () => {
    const app = await connect();
    const frame = app.next('events_api');
    fake.socket.sendRaw(JSON.stringify({ envelope_id: 'e1', type: 'events_api', payload: null }));
    expect(await frame).toEqual({ envelope_id: 'e1', type: 'events_api', payload: null });
    expect(fake.socket.acked('e1')).toBe(false);
    app.socket.send(JSON.stringify({ envelope_id: 'e1', payload: {} }));
    await fake.socket.waitUntil(() => fake.socket.acked('e1'), 'the ack');
    app.socket.close();
  });

  it('closes each new connection right after its hello, and counts the connections let in', async () => {
    fake.socket.afterHello('close');
    const app = await connect();
    expect(app.messages[0]).toMatchObject({ type: 'hello' });
    expect(await app.closed).toBe(1000);
    expect(fake.socket.admitted()).toBe(1);
  });

  it('or asks each new connection to refresh right after its hello', async () => {
    fake.socket.afterHello('refresh');
    const app = await connect();
    // It may have come with the hello, before anyone waited for it.
    const said = app.messages.find((m) => m.type === 'disconnect') ?? (await app.next('disconnect'));
    expect(said).toMatchObject({ reason: 'refresh_requested' });
    expect(fake.socket.open()).toEqual([{ id: expect.any(Number), state: 'refreshing' }]);
    await app.closed;
  });
});
