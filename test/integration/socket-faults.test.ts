import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedLine } from '../support/stored';
import { declareIncident, type Declared } from './flows';

/** Slack closes a connection about 10 s after refresh_requested; scaled down here. */
const REFRESH_CLOSE_MS = 1_500;

let h: Harness;
let incident: Declared;
beforeEach(async () => {
  h = await startHarness({ transport: 'socket', socketMode: { refreshCloseMs: REFRESH_CLOSE_MS } });
  incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down' });
  await h.user(PEOPLE.bob).membership(incident.channelId, true);
});
afterEach(async () => h.stop());

/** Drops every connection, as a network failure would, and waits for the app to open two new ones. */
async function dropAndReconnect(): Promise<void> {
  const before = h.fake.socket.open().map((c) => c.id);
  h.fake.socket.drop();
  await h.fake.socket.waitUntil(
    () => h.fake.socket.open().filter((c) => !before.includes(c.id) && c.state === 'open').length === 2,
    'two new connections',
  );
}

const notes = async () => (await storedEntries(h.store, { kind: 'note' })).map(storedLine);
const failed = () => h.fake.socket.envelopes().filter((e) => e.outcome === 'pending' || 'error' in e.outcome);

describe('Socket Mode faults', () => {
  it('after every connection drops without a close frame, the app reconnects by itself and handles what comes next', async () => {
    await dropAndReconnect();

    const reply = await h.user(PEOPLE.bob).command('note Deploy 42 rolled back', incident.channelId);
    expect(reply.status).toBe(200);
    expect(await notes()).toEqual(['Deploy 42 rolled back']);
  });

  it('while one connection is down the other one serves, so nothing fails', async () => {
    const [first] = h.fake.socket.open();
    const held = h.fake.socket.holdConnections();
    h.fake.socket.drop([first!.id]);
    await h.fake.socket.waitUntil(() => held.waiting() === 1, 'a replacement connection');
    expect((await h.user(PEOPLE.bob).command('note One link is enough', incident.channelId)).status).toBe(200);
    held.release();
    expect(await notes()).toEqual(['One link is enough']);
    expect(failed()).toEqual([]);
  });

  it('a command sent in the middle of a refresh is delivered: the old connections stay until the new ones are up', async () => {
    const old = h.fake.socket.open().map((c) => c.id);
    const held = h.fake.socket.holdConnections();
    h.fake.socket.refresh();
    // The app has heard refresh_requested once it opens a replacement, or (as Bolt's stock client
    // does) once it drops the old connection: either way the refresh is under way.
    await h.fake.socket.waitUntil(
      () => held.waiting() > 0 || h.fake.socket.open().length < old.length,
      'the app acting on refresh_requested',
    );
    const during = await h.user(PEOPLE.bob).command('note Sent mid-refresh', incident.channelId);
    expect(during.text).not.toBe('dispatch_failed');

    held.release();
    await h.fake.socket.waitUntil(
      () => h.fake.socket.open().every((c) => !old.includes(c.id)),
      'the old connections let go',
    );
    expect(h.fake.socket.open()).toEqual([
      expect.objectContaining({ state: 'open' }),
      expect.objectContaining({ state: 'open' }),
    ]);
    await h.user(PEOPLE.bob).command('note Sent after the refresh', incident.channelId);
    expect(await notes()).toEqual(['Sent mid-refresh', 'Sent after the refresh']);
    expect(failed()).toEqual([]);
  });

  it('a command Slack redelivers after a reconnect is acknowledged and not run again (its modal opens once)', async () => {
    const bob = h.user(PEOPLE.bob);
    const first = await bob.command('update', incident.channelId);
    const opens = h.fake.calls('views.open').length;
    await dropAndReconnect();

    const again = await bob.command(
      'update',
      incident.channelId,
      { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'timeout' },
      first,
    );
    expect(h.fake.socket.envelopes().at(-1)).toMatchObject({ type: 'slash_commands', retry_attempt: 1 });
    expect(again).toMatchObject({ status: 200, text: '' });
    // A second views.open would reuse a spent trigger_id, which Slack refuses (exchanged_trigger_id).
    expect(h.fake.calls('views.open')).toHaveLength(opens);
  });

  it('a redelivered button click does its work once', async () => {
    const kickoff = h.fake.messages(incident.channelId)[0]!;
    const opened = h.fake.calls('views.open').length;
    const payload = () => h.fake.socket.envelopes().at(-1)!.payload;
    await h.user(PEOPLE.bob).click(kickoff, 'incident_open_update');
    const original = payload();
    await dropAndReconnect();
    const redelivered = await h.fake.socket.deliver('interactive', original, { attempt: 1, reason: 'timeout' });
    await h.commander.idle();
    expect(redelivered.outcome).toEqual({ acked: {} });
    expect(h.fake.calls('views.open')).toHaveLength(opened + 1);
  });
});
