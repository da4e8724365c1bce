import { APP_ENGINES, appDatabase, forceRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

// The harness clock starts on Tuesday 2026-11-24 09:00 UTC. Counting weekly shifts from Monday
// 2026-11-02, Alice is primary and Bob takes over on Monday 2026-11-30 at 09:00.
const HANDOFF_CHANNEL = 'CHANDOFF01';
const MINUTE = 60_000;
const platform = (over: Record<string, unknown> = {}) => ({
  name: 'platform',
  users: [PEOPLE.alice, PEOPLE.bob, PEOPLE.carol],
  start: '2026-11-02',
  handoffChannel: HANDOFF_CHANNEL,
  ...over,
});

describe.each(APP_ENGINES)('hand-off briefings (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  afterEach(async () => h.stop());

  const start = async (rotation: Record<string, unknown> = {}) => {
    h = await startHarness({ ...(await database.options()), policy: { oncall: [platform(rotation)] } });
    h.fake.addChannel({ id: HANDOFF_CHANNEL, name: 'oncall-handoff' });
  };
  /** The briefings a person got by DM (their header names the hand-off). */
  const briefingsTo = (userId: string) =>
    h.fake.messages(h.fake.dmWith(userId)).filter((m) => JSON.stringify(m.blocks ?? []).includes('Hand-off: platform'));
  const channelBriefings = () =>
    h.fake.messages(HANDOFF_CHANNEL).filter((m) => JSON.stringify(m.blocks ?? []).includes('Hand-off: platform'));

  it('at the weekly hand-off the incoming primary gets one briefing listing the ongoing incident and the overdue follow-up, posted in the hand-off channel too, and nothing more after another tick or a restart', async () => {
    await start();
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout <down> & out',
      commander: PEOPLE.alice,
    });
    await h.user(PEOPLE.alice).command(`followup Add a canary <@${PEOPLE.carol}|carol> in 2d`, channelId);
    await h.tick();
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(0);

    h.clock.set(Date.UTC(2026, 10, 30, 9, 0) + MINUTE);
    await h.tick();
    const [dm, ...more] = briefingsTo(PEOPLE.bob);
    expect(more).toHaveLength(0);
    const text = JSON.stringify(dm?.blocks);
    expect(text).toContain(`<@${PEOPLE.bob}> takes over as primary from <@${PEOPLE.alice}>`);
    expect(text).toContain('Checkout &lt;down&gt; &amp; out');
    expect(text).toContain(`commander <@${PEOPLE.alice}>`);
    expect(text).toContain('next due <!date^');
    expect(text).toContain(`Add a canary`);
    expect(text).toContain(`<@${PEOPLE.carol}>, overdue since <!date^`);
    expect(channelBriefings()).toHaveLength(1);
    expect(JSON.stringify(channelBriefings()[0]?.blocks)).toBe(text);

    await h.tick();
    await h.restart();
    await h.tick();
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(1);
    expect(channelBriefings()).toHaveLength(1);
  });

  it("an override's start briefs the person covering and its end briefs the scheduled primary, once each", async () => {
    await start({ overrides: [{ user: PEOPLE.carol, from: '2026-11-25T09:00:00Z', to: '2026-11-26T09:00:00Z' }] });
    h.clock.set(Date.UTC(2026, 10, 25, 9, 0) + MINUTE);
    await h.tick();
    expect(briefingsTo(PEOPLE.carol)).toHaveLength(1);
    expect(JSON.stringify(briefingsTo(PEOPLE.carol)[0]?.blocks)).toContain(
      `<@${PEOPLE.carol}> takes over as primary from <@${PEOPLE.alice}>`,
    );
    h.clock.set(Date.UTC(2026, 10, 26, 9, 0) + MINUTE);
    await h.tick();
    await h.restart();
    await h.tick();
    expect(briefingsTo(PEOPLE.carol)).toHaveLength(1);
    expect(briefingsTo(PEOPLE.alice)).toHaveLength(1);
    expect(JSON.stringify(briefingsTo(PEOPLE.alice)[0]?.blocks)).toContain(
      `<@${PEOPLE.alice}> takes over as primary from <@${PEOPLE.carol}>`,
    );
  });

  it('a replica taking over a hand-off another left half done (briefing sent, not yet marked) finds the DM and the post and sends neither again', async () => {
    await start();
    h.clock.set(Date.UTC(2026, 10, 30, 9, 0) + MINUTE);
    await h.tick();
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(1);
    // As a replica that crashed after sending would leave it: still due, leased by it, the lease expired.
    await forceRows(
      h,
      'UPDATE handoffs SET due_at = at, sent_at = NULL, lease_owner = ?, lease_until = ?',
      'crashed-replica',
      h.clock.now() - 1,
    );
    await h.tick();
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(1);
    expect(channelBriefings()).toHaveLength(1);
  });
});
