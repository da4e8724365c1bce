import { APP_ENGINES, appDatabase, forceRows, tableRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, openedView } from './flows';

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
  /** The invitations to write notes a person got by DM (they carry the Add hand-off notes button). */
  const notesPromptsTo = (userId: string) =>
    h.fake.messages(h.fake.dmWith(userId)).filter((m) => JSON.stringify(m.blocks ?? []).includes('handoff_add_notes'));
  /** Clicks Add hand-off notes on the person's latest invitation and types the notes into the form. */
  const writeNotes = async (userId: string, notes: string) => {
    await h.user(userId).click(notesPromptsTo(userId).at(-1)!, 'handoff_add_notes');
    return h.user(userId).submit(openedView(h, 'handoff_notes'), { handoff_notes: notes });
  };
  const at = (day: number, hour: number, minute = 1) => Date.UTC(2026, 10, day, hour, minute);
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

  it("an hour before an override's start and end, and before the weekly hand-off, the outgoing primary is asked for notes, and what they write is in the incoming primary's one briefing; nothing is sent twice after a restart", async () => {
    await start({ overrides: [{ user: PEOPLE.carol, from: '2026-11-25T09:00:00Z', to: '2026-11-26T09:00:00Z' }] });
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Slow disks',
      commander: PEOPLE.alice,
    });
    await h.user(PEOPLE.alice).command(`followup Replace db-3's disk <@${PEOPLE.bob}|bob> in 2d`, channelId);

    // Not yet an hour before the override's start: nobody is asked.
    h.clock.set(at(25, 7, 59));
    await h.tick();
    expect(notesPromptsTo(PEOPLE.alice)).toHaveLength(0);

    h.clock.set(at(25, 8));
    await h.tick();
    const [prompt, ...morePrompts] = notesPromptsTo(PEOPLE.alice);
    expect(morePrompts).toHaveLength(0);
    expect(JSON.stringify(prompt?.blocks)).toContain(`when <@${PEOPLE.carol}> takes over`);
    // Blank notes are answered under the field; the form stays open.
    expect((await writeNotes(PEOPLE.alice, '   ')).json).toEqual({
      response_action: 'errors',
      errors: { handoff_notes: 'Write a note for the incoming primary, or close the form.' },
    });
    expect(
      (await writeNotes(PEOPLE.alice, 'db-3 is <slow> & noisy; the vendor calls back at 10:00')).json,
    ).toBeUndefined();
    expect(h.fake.messages(h.fake.dmWith(PEOPLE.alice)).at(-1)?.text).toContain('Saved: your notes go into');
    expect(briefingsTo(PEOPLE.carol)).toHaveLength(0);

    // The override starts: Carol is briefed once, with the ongoing incident, the follow-up and Alice's notes.
    h.clock.set(at(25, 9));
    await h.tick();
    await h.tick();
    expect(briefingsTo(PEOPLE.carol)).toHaveLength(1);
    const carols = JSON.stringify(briefingsTo(PEOPLE.carol)[0]?.blocks);
    for (const heading of [
      'Ongoing incidents',
      'Incidents of the last shift',
      'Follow-ups overdue or due this week',
      'Scheduled maintenance in the coming shift',
      'Overrides in the coming shift',
      `Notes from <@${PEOPLE.alice}>`,
      'Alerts in the last shift',
    ])
      expect(carols).toContain(heading);
    expect(carols).toContain('Slow disks');
    expect(carols).toContain("Replace db-3's disk");
    expect(carols).toContain('db-3 is &lt;slow&gt; &amp; noisy; the vendor calls back at 10:00');
    // Stored as typed, no Slack markup in it.
    const [row] = await tableRows(h, 'SELECT notes FROM handoffs WHERE outgoing = ?', PEOPLE.alice);
    expect(row?.notes).toBe('db-3 is <slow> & noisy; the vendor calls back at 10:00');

    // An hour before the override's end Carol, now outgoing, is asked; her notes reach Alice.
    h.clock.set(at(26, 8));
    await h.tick();
    expect(notesPromptsTo(PEOPLE.carol)).toHaveLength(1);
    await writeNotes(PEOPLE.carol, 'Vendor says the disk ships Friday');
    h.clock.set(at(26, 9));
    await h.tick();
    await h.restart();
    await h.tick();
    expect(briefingsTo(PEOPLE.alice)).toHaveLength(1);
    const alices = JSON.stringify(briefingsTo(PEOPLE.alice)[0]?.blocks);
    expect(alices).toContain(`<@${PEOPLE.alice}> takes over as primary from <@${PEOPLE.carol}>`);
    expect(alices).toContain(`Notes from <@${PEOPLE.carol}>`);
    expect(alices).toContain('Vendor says the disk ships Friday');
    expect(alices).not.toContain('db-3 is');

    // The weekly hand-off: Alice opens the form but submits it only after Bob's briefing went out.
    h.clock.set(at(30, 8, 30));
    await h.tick();
    expect(notesPromptsTo(PEOPLE.alice)).toHaveLength(2);
    await h.user(PEOPLE.alice).click(notesPromptsTo(PEOPLE.alice).at(-1)!, 'handoff_add_notes');
    const lateForm = openedView(h, 'handoff_notes');
    h.clock.set(at(30, 9));
    await h.tick();
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(1);
    expect(JSON.stringify(briefingsTo(PEOPLE.bob)[0]?.blocks)).toContain('_none left_');
    const late = await h.user(PEOPLE.alice).submit(lateForm, { handoff_notes: 'Too late for this' });
    expect(late.json).toEqual({
      response_action: 'errors',
      errors: { handoff_notes: expect.stringContaining('The hand-off briefing has already gone') },
    });
    // The button, clicked again, says so too and opens no form.
    const opened = h.fake.calls('views.open').length;
    await h.user(PEOPLE.alice).click(notesPromptsTo(PEOPLE.alice).at(-1)!, 'handoff_add_notes');
    expect(h.fake.calls('views.open')).toHaveLength(opened);
    expect(h.fake.responses().at(-1)?.body.text).toContain(`already gone to <@${PEOPLE.bob}>`);

    await h.restart();
    await h.tick();
    expect(notesPromptsTo(PEOPLE.alice)).toHaveLength(2);
    expect(notesPromptsTo(PEOPLE.carol)).toHaveLength(1);
    expect(briefingsTo(PEOPLE.carol)).toHaveLength(1);
    expect(briefingsTo(PEOPLE.alice)).toHaveLength(1);
    expect(briefingsTo(PEOPLE.bob)).toHaveLength(1);
    expect(channelBriefings()).toHaveLength(3);
  });

  it('only the outgoing primary may write the notes', async () => {
    await start();
    h.clock.set(at(30, 8));
    await h.tick();
    const [prompt] = notesPromptsTo(PEOPLE.alice);
    await h.user(PEOPLE.carol).click(prompt!, 'handoff_add_notes');
    expect(h.fake.calls('views.open')).toHaveLength(0);
    expect(h.fake.responses().at(-1)?.body.text).toBe(
      `Only <@${PEOPLE.alice}>, the outgoing primary, writes this hand-off's notes.`,
    );
  });

  it('a replica taking over an invitation to write notes another left half done finds the DM and sends no second', async () => {
    await start();
    h.clock.set(at(30, 8));
    await h.tick();
    expect(notesPromptsTo(PEOPLE.alice)).toHaveLength(1);
    // As a replica that crashed after sending would leave it: still due, leased by it, the lease expired.
    await forceRows(
      h,
      'UPDATE handoffs SET prompt_due_at = at - 3600000, prompt_sent_at = NULL, prompt_lease_owner = ?, prompt_lease_until = ?',
      'crashed-replica',
      h.clock.now() - 1,
    );
    await h.tick();
    await h.restart();
    await h.tick();
    expect(notesPromptsTo(PEOPLE.alice)).toHaveLength(1);
  });
});
