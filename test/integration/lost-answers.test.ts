import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, openedView } from './flows';

/**
 * Slack did the work but its answer never arrived (the fake does the work, then drops the
 * connection). A retry must find what was done rather than do it twice.
 */
let h: Harness;
afterEach(async () => h?.stop());

/** Retries as in production, but without waiting. */
const FAST_RETRIES = { retryConfig: { retries: 3, factor: 1, minTimeout: 1, maxTimeout: 1 } };

const withText = (channelId: string, needle: string) =>
  h.fake.messages(channelId).filter((m) => m.text.includes(needle));

describe('an answer Slack lost', () => {
  it('a kick-off that was posted is found by its metadata: pinned once, never posted again', async () => {
    h = await startHarness();
    h.fake.fail('chat.postMessage', { drop: 'after_work' });
    await h.user(PEOPLE.alice).command('declare Lost kick-off');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), { severity: 'SEV2', commander: PEOPLE.bob });
    await h.tick();

    const incident = (await h.commander.incidents.get(1))!;
    const kickoffs = h.fake.messages(incident.channelId!);
    expect(kickoffs).toHaveLength(1);
    expect(kickoffs[0]?.metadata).toEqual({
      event_type: 'commander_post',
      event_payload: { incident_id: 1, step: 'kickoff' },
    });
    expect(h.fake.channel(incident.channelId!)?.pins).toEqual(new Set([kickoffs[0]!.ts]));
    expect(incident.kickoffTs).toBe(kickoffs[0]!.ts);
    expect(h.fake.okCalls('conversations.history').map((c) => c.args.include_all_metadata)).toEqual(['true']);
    expect(incident.setupDoneAt).not.toBeNull();
  });

  it('a retry of the set-up (as after a crash) looks first, and takes the kick-off it finds', async () => {
    h = await startHarness();
    // The answer is lost and so is the first look for it: this attempt cannot tell what happened.
    h.fake.fail('chat.postMessage', { drop: 'after_work' });
    h.fake.fail('conversations.history', { status: 500 });
    await h.user(PEOPLE.alice).command('declare Lost twice');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), { severity: 'SEV2', commander: PEOPLE.bob });
    const incident = (await h.commander.incidents.get(1))!;
    expect(incident.setupDoneAt).toBeNull();

    await h.tick();
    const kickoffs = h.fake.messages(incident.channelId!);
    expect(kickoffs).toHaveLength(1);
    expect((await h.commander.incidents.get(1))?.kickoffTs).toBe(kickoffs[0]!.ts);
    expect(h.fake.channel(incident.channelId!)?.pins.size).toBe(1);
  });

  it('a status update the client retried after a lost answer is posted once', async () => {
    h = await startHarness({ clientOptions: FAST_RETRIES });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Flapping', commander: PEOPLE.bob });
    h.fake.fail('chat.postMessage', { drop: 'after_work' });
    await h.user(PEOPLE.bob).command('update', incident.channelId);
    await h
      .user(PEOPLE.bob)
      .submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Failed over to the replica' });

    expect(withText(incident.channelId, 'Failed over to the replica')).toHaveLength(1);
    expect(withText(ANNOUNCE_CHANNEL, 'Failed over to the replica')).toHaveLength(1);
    const [update] = await h.store.statusUpdates.list(incident.incidentId);
    expect(update?.messageTs).toBe(withText(incident.channelId, 'Failed over to the replica')[0]!.ts);
  });

  it('a channel Slack created before the answer was lost is adopted: no orphan channel, no "-2"', async () => {
    h = await startHarness({ clientOptions: FAST_RETRIES });
    h.fake.fail('conversations.create', { drop: 'after_work' });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Lost create', commander: PEOPLE.bob });

    const made = h.fake.calls('conversations.create').filter((c) => c.ok);
    expect(made.map((c) => c.args.name)).toEqual(['inc-1-lost-create']);
    const stored = (await h.commander.incidents.get(1))!;
    expect(stored).toMatchObject({ channelName: 'inc-1-lost-create', channelId: made[0]!.response.channel.id });
    expect(h.fake.channel('inc-1-lost-create-2')).toBeUndefined();
    expect(stored.channelId).toBe(incident.channelId);
    expect(h.fake.messages(stored.channelId!)).toHaveLength(1);
    expect(stored.setupDoneAt).not.toBeNull();
  });
});
