import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedKinds } from '../support/stored';
import type { Transport } from '../support/transport';
import { declareIncident, messageContaining, openedView } from './flows';

/**
 * The main user flows, written once and run over both ways Slack reaches the app: signed HTTP
 * requests, and Socket Mode envelopes (the way the manifest and the README set teams up).
 */
const TRANSPORTS: Transport[] = ['http', 'socket'];
const SEC = 1_000;
const SHORT_CADENCE = {
  severities: [
    { id: 'SEV1', name: 'Critical', updateEvery: '30s', escalateAfterMissed: 2 },
    ...DEFAULT_POLICY_INPUT.severities.slice(1),
  ],
};

describe.each(TRANSPORTS)('over %s', (transport) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ transport, policy: SHORT_CADENCE });
  });
  afterEach(async () => h.stop());

  const timeline = (incidentId: number) => storedKinds(h.store, incidentId);

  it('declare → update → resolve', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.bob });
    expect(h.fake.channel(incident.channelId)?.name).toBe('inc-1-checkout-down');

    await h.user(PEOPLE.bob).command('update', incident.channelId);
    const update = await h
      .user(PEOPLE.bob)
      .submit(openedView(h, 'post_update'), { status: 'identified', summary: 'A bad deploy' });
    expect(update).toMatchObject({ status: 200, text: '' });
    expect(messageContaining(h, incident.channelId, 'A bad deploy')).toBeDefined();

    await h.user(PEOPLE.bob).command('resolve', incident.channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
    expect((await h.commander.incidents.get(incident.incidentId))?.status).toBe('resolved');
    expect(await timeline(incident.incidentId)).toEqual(
      expect.arrayContaining(['declared', 'status_update', 'resolved']),
    );
  });

  it('a command answers privately in its ack', async () => {
    const reply = await h.user(PEOPLE.alice).command('help');
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('/incident declare'),
    });
    // Over Socket Mode the command really travelled as an envelope, acked with the reply.
    expect(h.fake.socket.envelopes().map((e) => [e.type, e.outcome])).toEqual(
      transport === 'socket' ? [['slash_commands', { acked: reply.json }]] : [],
    );
  });

  it('bad input in a modal comes back as field errors, and nothing is created', async () => {
    await h.user(PEOPLE.alice).command('declare');
    const response = await h
      .user(PEOPLE.alice)
      .submit(openedView(h, 'declare_incident'), { title: '   ', severity: undefined });
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: { title: 'Give the incident a title.', severity: 'Choose a severity.' },
    });
    expect(h.fake.calls('conversations.create')).toHaveLength(0);
  });

  it('the kick-off message’s Post update button opens the update modal', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Button' });
    const kickoff = messageContaining(h, incident.channelId, 'incident_open_update')!;
    await h.user(PEOPLE.bob).membership(incident.channelId, true);
    expect((await h.user(PEOPLE.bob).click(kickoff, 'incident_open_update')).status).toBe(200);
    expect(openedView(h, 'post_update').view.title.text).toBe(`Update #${incident.incidentId}`);
  });

  it('the message shortcut adds a message to the timeline once', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Capture' });
    const message = {
      channel: incident.channelId,
      ts: `${h.clock.now() / 1000 + 60}.000200`,
      user: PEOPLE.carol,
      text: 'Error rate is 40%',
    };
    await h.user(PEOPLE.bob).membership(incident.channelId, true);
    const first = await h.user(PEOPLE.bob).shortcut(message);
    expect(h.fake.responses(first.responseUrl)[0]?.body.text).toBe(
      `✅ Added to the timeline of #${incident.incidentId}.`,
    );
    await h.user(PEOPLE.bob).shortcut(message);
    expect((await timeline(incident.incidentId)).filter((k) => k === 'message')).toHaveLength(1);
  });

  it('opening the App Home publishes the open incidents', async () => {
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Seen from home' });
    const response = await h.user(PEOPLE.bob).openAppHome();
    expect(response.status).toBe(200);
    expect(JSON.stringify(h.fake.homeViews(PEOPLE.bob)?.blocks)).toContain('Seen from home');
  });

  it('a reminder DM’s Post update button opens the update modal, and the update answers the reminder', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'From DM', commander: PEOPLE.bob });
    h.clock.advance(30 * SEC);
    await h.tick();
    const [dm] = h.fake.messages(h.fake.dmWith(PEOPLE.bob));
    await h.user(PEOPLE.bob).click(dm!, 'reminder_post_update');
    await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { summary: 'Still mitigating' });
    expect(messageContaining(h, incident.channelId, 'Still mitigating')).toBeDefined();
    expect(await timeline(incident.incidentId)).toEqual(expect.arrayContaining(['reminder_sent', 'reminder_answered']));
  });
});
