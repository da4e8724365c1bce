import { buildBriefing } from '../../../src/handoffs/briefing';
import { primaryChanges, stillHandsOver } from '../../../src/handoffs/handoff-times';
import type { Rotation } from '../../../src/oncall/rotation';
import type { Tx } from '../../../src/store';
import { STORE_ENGINES } from '../../support/store-engines';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 2026-11-30 09:00 UTC: a weekly hand-off of the rotation below.
const AT = Date.UTC(2026, 10, 30, 9, 0);

const rotation: Rotation = {
  name: 'platform',
  users: ['UALICE', 'UBOB', 'UCAROL'],
  lengthDays: 7,
  start: '2026-11-02',
  handoffWeekday: 'monday',
  handoffTime: '09:00',
  timezone: 'UTC',
  overrides: [
    { user: 'UCAROL', from: AT + 2 * DAY, to: AT + 3 * DAY },
    { user: 'UALICE', from: AT + 8 * DAY, to: AT + 9 * DAY },
  ],
};

describe('the changes of primary', () => {
  it("are the weekly hand-off and an override's start and end, with who hands over to whom", () => {
    expect(primaryChanges(rotation, AT - 1, AT + 4 * DAY)).toEqual([
      { rotation: 'platform', at: AT, outgoing: 'UALICE', incoming: 'UBOB', since: AT - 7 * DAY },
      { rotation: 'platform', at: AT + 2 * DAY, outgoing: 'UBOB', incoming: 'UCAROL', since: AT },
      { rotation: 'platform', at: AT + 3 * DAY, outgoing: 'UCAROL', incoming: 'UBOB', since: AT + 2 * DAY },
    ]);
  });

  it('leave out an override by the person already primary, and find nothing between hand-offs', () => {
    const same = { ...rotation, overrides: [{ user: 'UBOB', from: AT + DAY, to: AT + 2 * DAY }] };
    expect(primaryChanges(same, AT, AT + 6 * DAY)).toEqual([]);
  });

  it("recorded an hour early, an override's start no longer counts once the override is taken out of the policy", () => {
    const start = { at: AT + 2 * DAY, incoming: 'UCAROL' };
    expect(stillHandsOver(rotation, start)).toBe(true);
    expect(stillHandsOver({ ...rotation, overrides: [] }, start)).toBe(false);
    expect(stillHandsOver({ ...rotation, overrides: [] }, { at: AT, incoming: 'UBOB' })).toBe(true);
  });
});

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s hand-off briefing', (_name, makeEngine) => {
  const engine = makeEngine();
  let store: Tx;
  beforeEach(async () => {
    store = await engine.fresh();
  });
  afterAll(() => engine.end());

  const declare = async (title: string, declaredAt: number, o: { resolvedAt?: number; isPrivate?: boolean } = {}) => {
    const { incident } = await store.incidents.insertOnce({
      declareKey: title,
      title,
      severity: 'SEV2',
      impact: '',
      commanderId: 'UDAN',
      declaredBy: 'UDAN',
      declaredAt,
      sourceViewId: null,
      isPrivate: o.isPrivate ?? false,
    });
    if (o.resolvedAt !== undefined)
      await store.incidents.update(incident.id, { status: 'resolved', resolvedAt: o.resolvedAt });
    return incident.id;
  };
  const followup = (incidentId: number, text: string, dueAt: number | null) =>
    store.followups.add({
      incidentId,
      requestKey: text,
      text,
      ownerId: 'UCAROL',
      createdBy: 'UDAN',
      createdAt: AT - 10 * DAY,
      dueAt,
    });

  it('lists the ongoing incidents, the shift’s incidents with duration and postmortem due, follow-ups overdue or due this week, maintenance and overrides of the coming shift, and the shift’s alerts; private incidents left out', async () => {
    const ongoing = await declare('Checkout down', AT - 10 * DAY);
    const shift = await declare('Search slow', AT - 2 * DAY, { resolvedAt: AT - 2 * DAY + 3 * HOUR });
    await store.postmortemSteps.plan(shift, 'report', AT + 3 * DAY);
    const later = await declare('Queue backlog', AT - DAY, { resolvedAt: AT - DAY + HOUR });
    await store.postmortemSteps.plan(later, 'report', AT + 5 * DAY);
    await store.postmortemSteps.markDone(later, 'report', AT - HOUR, 'UDAN');
    const window = (title: string, startsAt: number, state: 'scheduled' | 'cancelled') =>
      store.statusPage.addMaintenance({
        publicId: title.replace(/\W/g, '').slice(0, 12).padEnd(12, 'x').toLowerCase(),
        title,
        message: '',
        components: [],
        startsAt,
        endsAt: startsAt + HOUR,
        state,
        createdAt: AT - DAY,
        updatedAt: AT - DAY,
        nextAt: startsAt,
      });
    await window('Database upgrade', AT + DAY, 'scheduled');
    await window('Called off', AT + DAY, 'cancelled');
    await window('Next month', AT + 30 * DAY, 'scheduled');
    for (const [outcome, receivedAt] of [
      ['declared', AT - DAY],
      ['dropped', AT - DAY],
      ['dropped', AT - 2 * DAY],
      ['notified', AT - 3 * DAY],
      ['declared', AT - 8 * DAY], // the shift before
    ] as const) {
      const id = await store.alerts.record('prod', 'generic', receivedAt, { title: 'x' } as never);
      await store.alerts.finish(id, receivedAt, outcome);
    }
    await declare('Old one', AT - 20 * DAY, { resolvedAt: AT - 19 * DAY });
    const secret = await declare('Secret breach', AT - DAY, { isPrivate: true });
    await followup(ongoing, 'Overdue canary', AT - DAY);
    await followup(ongoing, 'Due this week', AT + 3 * DAY);
    await followup(ongoing, 'Due next month', AT + 30 * DAY);
    await followup(ongoing, 'No date', null);
    await followup(secret, 'Secret fix', AT - DAY);
    await store.handoffs.record({
      rotation: 'platform',
      at: AT,
      outgoing: 'UALICE',
      incoming: 'UBOB',
      since: AT - 7 * DAY,
    });
    const handoff = (await store.handoffs.get(1))!;

    const b = await buildBriefing(store, handoff, rotation, AT + 5 * 60_000);

    expect({ incoming: b.incoming, outgoing: b.outgoing, at: b.at }).toEqual({
      incoming: 'UBOB',
      outgoing: 'UALICE',
      at: AT,
    });
    expect(b.ongoing.map((o) => o.incident.title)).toEqual(['Checkout down']);
    expect(b.lastShift.map((s) => [s.incident.title, s.duration, s.postmortemDue])).toEqual([
      ['Search slow', 3 * HOUR, AT + 3 * DAY],
      ['Queue backlog', HOUR, null],
    ]);
    expect(b.followups.map((f) => [f.followup.text, f.followup.ownerId, f.overdue])).toEqual([
      ['Overdue canary', 'UCAROL', true],
      ['Due this week', 'UCAROL', false],
    ]);
    expect(b.overrides).toEqual([rotation.overrides[0]]);
    expect(b.maintenance).toEqual([{ title: 'Database upgrade', startsAt: AT + DAY, endsAt: AT + DAY + HOUR }]);
    expect(b.alerts).toEqual({ received: 4, declared: 1, dropped: 2 });
  });

  it('records a hand-off once, however often it is found', async () => {
    const change = { rotation: 'platform', at: AT, outgoing: 'UALICE', incoming: 'UBOB', since: AT - 7 * DAY };
    expect(await store.handoffs.record(change)).toBe(true);
    expect(await store.handoffs.record(change)).toBe(false);
  });
});
