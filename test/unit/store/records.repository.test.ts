import { firingNotification as notification } from '../../support/store-fixtures';
import type { Tx } from '../../../src/store';
import { STORE_ENGINES } from '../../support/store-engines';

const NOW = 1_764_633_600_000;

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s records', (_name, makeEngine) => {
  const engine = makeEngine();
  let store: Tx;
  let incidentId: number;
  beforeEach(async () => {
    store = await engine.fresh();
    const declared = await store.incidents.insertOnce({
      declareKey: 'K',
      title: 'T',
      severity: 'SEV1',
      impact: '',
      commanderId: 'UBOB',
      declaredBy: 'UBOB',
      declaredAt: NOW,
      sourceViewId: null,
    });
    incidentId = declared.incident.id;
  });
  afterAll(() => engine.end());

  it('stores status updates with their Slack messages, newest last', async () => {
    const base = {
      incidentId,
      status: 'identified' as const,
      summary: 's',
      impact: 'i',
      nextSteps: 'n',
      authorId: 'UBOB',
    };
    const one = await store.statusUpdates.insert({ ...base, requestKey: 'r1', postedAt: NOW });
    await store.statusUpdates.insert({ ...base, requestKey: 'r2', postedAt: NOW + 1 });
    await store.statusUpdates.setMessageTs(one.id, '1.1');
    await store.statusUpdates.setMirrorTs(one.id, '2.2');
    expect(await store.statusUpdates.findByKey('r1')).toMatchObject({
      postedAt: NOW,
      messageTs: '1.1',
      mirrorTs: '2.2',
    });
    expect((await store.statusUpdates.list(incidentId)).map((u) => u.requestKey)).toEqual(['r1', 'r2']);
    expect((await store.statusUpdates.latest(incidentId))?.requestKey).toBe('r2');
  });

  it('saves reminders and finds the due ones, oldest first', async () => {
    const state = {
      incidentId,
      dueAt: NOW + 10,
      missed: 2,
      escalatedAt: null,
      escalationLevel: 1,
      snoozes: 1,
      lastSentAt: NOW,
      failures: 0,
      lastError: null,
    };
    await store.reminders.save(state);
    expect(await store.reminders.get(incidentId)).toEqual(state);
    expect(await store.reminders.dueIds(NOW + 9, 10)).toEqual([]);
    expect(await store.reminders.dueIds(NOW + 10, 10)).toEqual([incidentId]);
    await store.reminders.save({ ...state, dueAt: null, lastError: 'boom' });
    expect(await store.reminders.dueIds(NOW + 10, 10)).toEqual([]);
    expect((await store.reminders.get(incidentId))?.lastError).toBe('boom');
  });

  it('adds each follow-up once per request, and marks it done once', async () => {
    const f = {
      incidentId,
      requestKey: 'q1',
      text: 'fix it',
      ownerId: 'UBOB',
      createdBy: 'UALICE',
      createdAt: NOW,
      dueAt: null,
    };
    const [a, b] = await Promise.all([store.followups.add(f), store.followups.add(f)]);
    expect([a, b].filter((r) => r.created)).toHaveLength(1);
    expect(a.followup.id).toBe(b.followup.id);
    expect(await store.followups.countOpen(incidentId)).toBe(1);
    expect(await store.followups.markDone(a.followup.id, NOW + 1)).toBe(true);
    expect(await store.followups.markDone(a.followup.id, NOW + 2)).toBe(false);
    expect(await store.followups.list(incidentId)).toEqual([{ ...a.followup, doneAt: NOW + 1 }]);
    expect(await store.followups.countOpen(incidentId)).toBe(0);
  });

  it('remembers names, pending captures for a day, and counts for the metrics', async () => {
    await store.people.remember('UBOB', 'bob', NOW);
    await store.people.remember('UBOB', 'robert', NOW + 1);
    expect(await store.people.nameOf('UBOB')).toBe('robert');
    expect(await store.people.all()).toEqual(new Map([['UBOB', 'robert']]));
    await store.pendingCaptures.save('t1', { text: 'hi' }, NOW);
    await store.pendingCaptures.save('t1', { text: 'again' }, NOW);
    expect(await store.pendingCaptures.get('t1')).toEqual({ text: 'again' });
    await store.pendingCaptures.save('t2', {}, NOW + 86_400_001);
    expect(await store.pendingCaptures.get('t1')).toBeUndefined();
    expect(await store.metrics.openIncidentsBySeverity()).toEqual([{ severity: 'SEV1', type: 'incident', count: 1 }]);
    expect(await store.metrics.pendingAlertNotifications()).toBe(0);
    expect(await store.metrics.webhookOutboxDepth()).toBe(0);
  });

  it('nudges owners of overdue follow-ups, one claim per nudge, and lists what a person owns', async () => {
    const base = { incidentId, text: 't', ownerId: 'UBOB', createdBy: 'UALICE', createdAt: NOW };
    const late = (await store.followups.add({ ...base, requestKey: 'a', dueAt: NOW + 20 })).followup;
    const soon = (await store.followups.add({ ...base, requestKey: 'b', dueAt: NOW + 10 })).followup;
    await store.followups.add({ ...base, requestKey: 'c', dueAt: null });
    await store.followups.add({ ...base, requestKey: 'd', ownerId: null, dueAt: NOW });
    expect((await store.followups.openOwnedBy('UBOB')).map((f) => f.id)).toEqual([soon.id, late.id, soon.id + 1]);
    expect(await store.followups.get(late.id)).toEqual(late);
    const due = (at: number) =>
      Promise.all([late, soon].map((f) => store.followups.dueNudge(f.id, at))).then((found) =>
        found.filter((f) => f !== undefined).map((f) => [f.id, f.nudgeAt]),
      );
    expect(await due(NOW + 15)).toEqual([[soon.id, NOW + 10]]);
    // The nudge of a follow-up with no owner is never due.
    expect(await store.followups.dueNudge(soon.id + 2, NOW + 15)).toBeUndefined();
    // Leased for the nudge job: the due, owned ones, soonest first.
    expect(
      (await store.leases.claimDue('followupNudge', NOW + 25, { owner: 'a', until: NOW + 99 }, 10)).map((l) => l.id),
    ).toEqual([soon.id, late.id]);
    const claims = await Promise.all([
      store.followups.moveNudge(soon.id, NOW + 10, NOW + 100),
      store.followups.moveNudge(soon.id, NOW + 10, NOW + 100),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.followups.nextNudge(soon.id)).toBe(NOW + 100);
    expect(await store.followups.snooze(late.id, NOW + 1000)).toBe(true);
    expect(await due(NOW + 99)).toEqual([]);
    await store.followups.markDone(late.id, NOW);
    expect(await store.followups.snooze(late.id, NOW + 2000)).toBe(false);
  });

  it('keeps alert notifications, groups, episodes and fingerprints', async () => {
    const id = await store.alerts.record('prom', 'generic', NOW, notification);
    expect(await store.alerts.pending(0, 10)).toEqual([{ id, source: 'prom', notification }]);
    expect(await store.alerts.pendingCount()).toBe(1);
    await store.alerts.finish(id, NOW + 1, 'declared');
    expect(await store.alerts.pending(0, 10)).toEqual([]);
    const [g, same] = await Promise.all([
      store.alerts.groupOrNew('prom', 'db-down'),
      store.alerts.groupOrNew('prom', 'db-down'),
    ]);
    expect(same).toEqual(g);
    expect(g).toMatchObject({ episode: 1, declareKey: null, incidentId: null });
    await store.alerts.link(g.id, incidentId);
    await store.alerts.saveFingerprint(g.id, 'f1', 'firing');
    await store.alerts.saveFingerprint(g.id, 'f1', 'resolved');
    expect(await store.alerts.fingerprints(g.id)).toEqual(new Map([['f1', 'resolved']]));
    expect(await store.alerts.group('prom', 'db-down')).toMatchObject({ incidentId });
    await store.alerts.startEpisode(g.id, 2, 'alert:prom:db-down:2');
    expect(await store.alerts.group('prom', 'db-down')).toEqual({
      id: g.id,
      episode: 2,
      declareKey: 'alert:prom:db-down:2',
      incidentId: null,
    });
    expect(await store.alerts.fingerprints(g.id)).toEqual(new Map());
  });
});
