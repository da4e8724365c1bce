import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedIncidents } from '../support/stored';
import { declareIncident, openedView } from './flows';

/**
 * Follow-ups with due dates: an overdue one nudges its owner by DM once a working day with Done
 * and Snooze a week; the list shows owner, due and status; App Home lists your open ones.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

const DAY = 24 * 3_600_000;
const carol = `<@${PEOPLE.carol}|carol>`;
/** Every follow-up of every incident, in the order they were added. */
const followups = async () => {
  const all = [];
  for (const { id } of await storedIncidents(h.store)) all.push(...(await h.store.followups.list(id)));
  return all
    .sort((a, b) => a.id - b.id)
    .map((f) => ({ text: f.text, owner_id: f.ownerId, due_at: f.dueAt, done_at: f.doneAt }));
};
const nudgesTo = (userId: string) =>
  h.fake.messages(h.fake.dmWith(userId)).filter((m) => JSON.stringify(m.blocks ?? []).includes('followup_snooze'));

describe('/incident followup with a due date', () => {
  it('takes "by <date>" (the end of that day) or "in <duration>", before or after the owner', async () => {
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Due', commander: PEOPLE.bob });
    const by = await h.user(PEOPLE.bob).command(`followup Add a canary ${carol} by 2026-12-14`, channelId);
    expect(by.json.text).toContain(`with <@${PEOPLE.carol}> as owner, due <!date^`);
    await h.user(PEOPLE.bob).command(`followup Alert on errors in 5d ${carol}`, channelId);
    await h.user(PEOPLE.bob).command('followup Write it down', channelId);
    expect(await followups()).toEqual([
      { text: 'Add a canary', owner_id: PEOPLE.carol, due_at: Date.UTC(2026, 11, 14, 23, 59, 59, 999), done_at: null },
      { text: 'Alert on errors', owner_id: PEOPLE.carol, due_at: h.clock.now() + 5 * DAY, done_at: null },
      { text: 'Write it down', owner_id: null, due_at: null, done_at: null },
    ]);
  });

  it('answers a date that is not one, or has passed, with a sentence and records nothing', async () => {
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Bad', commander: PEOPLE.bob });
    const bad = await h.user(PEOPLE.bob).command('followup Fix by 2026-02-30', channelId);
    expect(bad.json.text).toBe('2026-02-30 is not a date. Write it as YYYY-MM-DD, e.g. by 2026-12-14.');
    const past = await h.user(PEOPLE.bob).command('followup Fix by 2026-01-01', channelId);
    expect(past.json.text).toBe('That due date has passed: give one from today on.');
    expect(await followups()).toEqual([]);
  });

  it('/incident followups shows owner, due date and status, overdue ones marked', async () => {
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'List', commander: PEOPLE.bob });
    await h.user(PEOPLE.bob).command(`followup Add a canary ${carol} in 1d`, channelId);
    await h.user(PEOPLE.bob).command('followup Write it down', channelId);
    h.clock.advance(2 * DAY);
    const list = JSON.stringify((await h.user(PEOPLE.bob).command('followups', channelId)).json.blocks);
    expect(list).toContain(`1. Add a canary — <@${PEOPLE.carol}> · *due <!date^`);
    expect(list).toContain('· overdue* · open');
    expect(list).toContain('2. Write it down — _no owner_ · no due date · open');
  });
});

describe('an overdue follow-up', () => {
  it('nudges its owner once a working day, in working hours, until Snoozed a week or Done', async () => {
    const { channelId } = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Nudge', commander: PEOPLE.bob });
    await h.user(PEOPLE.bob).command(`followup Add a canary ${carol} in 1d`, channelId); // due Wed 25 Nov 09:00
    await h.tick();
    expect(nudgesTo(PEOPLE.carol)).toHaveLength(0);

    h.clock.advance(DAY);
    await h.tick();
    await h.tick();
    expect(nudgesTo(PEOPLE.carol)).toHaveLength(1);
    const nudge = nudgesTo(PEOPLE.carol)[0]!;
    expect(JSON.stringify(nudge.blocks)).toContain('Add a canary');
    expect((nudge.blocks as any[]).at(-1).elements.map((b: any) => b.text.text)).toEqual(['Done', 'Snooze a week']);

    h.clock.advance(DAY / 2); // Wed 21:00: not again the same day
    await h.tick();
    expect(nudgesTo(PEOPLE.carol)).toHaveLength(1);
    h.clock.advance(DAY / 2); // Thu 09:00
    await h.tick();
    expect(nudgesTo(PEOPLE.carol)).toHaveLength(2);

    await h.user(PEOPLE.carol).click(nudgesTo(PEOPLE.carol)[1]!, 'followup_snooze');
    expect(h.fake.responses().at(-1)?.body.text).toContain('Snoozed until');
    h.clock.advance(6 * DAY);
    await h.tick();
    expect(nudgesTo(PEOPLE.carol)).toHaveLength(2);
    h.clock.advance(DAY); // a week after the snooze, Thursday 09:00
    await h.tick();
    expect(nudgesTo(PEOPLE.carol)).toHaveLength(3);

    await h.user(PEOPLE.carol).click(nudgesTo(PEOPLE.carol)[2]!, 'followup_done');
    expect((await followups())[0]!.done_at).toBe(h.clock.now());
    expect(h.fake.responses().at(-1)?.body).toMatchObject({ replace_original: true, text: '✅ Done: Add a canary' });
    h.clock.advance(DAY);
    await h.tick();
    expect(nudgesTo(PEOPLE.carol)).toHaveLength(3);
  });
});

describe('App Home and /incident list', () => {
  it('App Home lists your open follow-ups across incidents; /incident list and Home show overdue postmortems', async () => {
    const one = await declareIncident(h, h.user(PEOPLE.alice), { title: 'First', commander: PEOPLE.bob });
    const two = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Second', commander: PEOPLE.bob });
    await h.user(PEOPLE.bob).command(`followup Add a canary ${carol} in 1d`, one.channelId);
    await h.user(PEOPLE.bob).command(`followup Rotate keys ${carol}`, two.channelId);
    await h.user(PEOPLE.bob).command('followup Not mine', two.channelId);
    await h.user(PEOPLE.bob).command('resolve', one.channelId);
    await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });

    await h.user(PEOPLE.carol).openAppHome();
    let home = JSON.stringify(h.fake.homeViews(PEOPLE.carol));
    expect(home).toContain('Your open follow-ups');
    expect(home).toContain('Add a canary');
    expect(home).toContain('Rotate keys');
    expect(home).not.toContain('Not mine');
    expect(home).not.toContain('Postmortems overdue');

    h.clock.advance(DAY + 1); // the SEV1's report was due 24 h after the resolution
    const list = JSON.stringify((await h.user(PEOPLE.alice).command('list')).json.blocks);
    expect(list).toContain('Postmortems overdue');
    expect(list).toContain('First');
    await h.user(PEOPLE.carol).openAppHome();
    home = JSON.stringify(h.fake.homeViews(PEOPLE.carol));
    expect(home).toContain('Postmortems overdue');
    expect(home).toContain('overdue since');
  });
});
