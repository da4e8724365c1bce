import type { Tx } from '../../../src/store';
import type { NewTimelineEntry, TimelineEntry } from '../../../src/timeline/timeline.types';
import { STORE_ENGINES } from '../../support/store-engines';
import { bareRecorder } from '../../support/recorder';

const NOW = 1_764_633_600_000;

// The repositories of the escalation ladder and the postmortem's follow-through, on both engines.
describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s follow-through', (_name, makeEngine) => {
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

  it('keeps the acknowledgement on the incident', async () => {
    const updated = await store.incidents.update(incidentId, { acknowledgedAt: NOW + 5, acknowledgedBy: 'UBOB' });
    expect(updated).toMatchObject({ acknowledgedAt: NOW + 5, acknowledgedBy: 'UBOB' });
  });

  it('fires each escalation timer once, and plans incidents that have none', async () => {
    expect(await store.escalationTimers.unplannedOpenIds(10)).toEqual([incidentId]);
    await store.escalationTimers.add({ incidentId, kind: 'level', level: 2, userId: 'UCAROL', dueAt: NOW + 10 });
    await store.escalationTimers.add({ incidentId, kind: 'level', level: 1, userId: 'UDAN', dueAt: NOW + 10 });
    await store.escalationTimers.add({ incidentId, kind: 'comms', level: 0, userId: null, dueAt: NOW + 5 });
    expect(await store.escalationTimers.unplannedOpenIds(10)).toEqual([]);
    const due = await store.escalationTimers.due(NOW + 10, 10);
    expect(due.map((t) => [t.kind, t.level])).toEqual([
      ['comms', 0],
      ['level', 1],
      ['level', 2],
    ]);
    const level1 = due[1]!.id;
    const claims = await Promise.all([
      store.escalationTimers.finish(level1, 'fired', NOW + 10, 'time'),
      store.escalationTimers.finish(level1, 'fired', NOW + 10, 'time'),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await store.escalationTimers.cancelPending(incidentId, 'level', NOW + 11);
    const level2 = due[2]!.id;
    expect(await store.escalationTimers.fireLevel(level2, NOW + 12, 'manual')).toBe(true);
    expect(await store.escalationTimers.fireLevel(level2, NOW + 12, 'manual')).toBe(false);
    expect((await store.escalationTimers.list(incidentId)).map((t) => [t.kind, t.level, t.state, t.trigger])).toEqual([
      ['comms', 0, 'pending', null],
      ['level', 1, 'fired', 'time'],
      ['level', 2, 'fired', 'manual'],
    ]);
  });

  it('keeps corrected key times and the postmortem facts', async () => {
    expect(await store.keyTimes.corrections(incidentId)).toEqual({});
    await store.keyTimes.correct(incidentId, 'detected', NOW + 1);
    await store.keyTimes.correct(incidentId, 'detected', NOW + 2);
    expect(await store.keyTimes.corrections(incidentId)).toEqual({ detected: NOW + 2 });
    expect(await store.postmortemFacts.get(incidentId)).toEqual({ summary: null, usersAffected: null });
    await store.postmortemFacts.set(incidentId, { summary: 'It broke.', usersAffected: '~200' });
    expect(await store.postmortemFacts.get(incidentId)).toEqual({ summary: 'It broke.', usersAffected: '~200' });
  });

  it('plans postmortem steps, nudges each once, and keeps done steps when planned again', async () => {
    await store.postmortemSteps.plan(incidentId, 'draft', NOW + 20);
    await store.postmortemSteps.plan(incidentId, 'report', NOW + 10);
    expect(await store.postmortemSteps.overdueIncidents(NOW + 9)).toEqual([]);
    expect(await store.postmortemSteps.overdueIncidents(NOW + 10)).toEqual([incidentId]);
    expect((await store.postmortemSteps.dueNudges(incidentId, NOW + 10)).map((s) => s.step)).toEqual(['report']);
    // Leased per incident for the nudge job.
    expect(
      (await store.leases.claimDue('postmortemNudge', NOW + 10, { owner: 'a', until: NOW + 99 }, 10)).map((l) => l.id),
    ).toEqual([incidentId]);
    await store.leases.release('postmortemNudge', incidentId, 'a');
    const claims = await Promise.all([
      store.postmortemSteps.claimNudge(incidentId, 'report', NOW + 11),
      store.postmortemSteps.claimNudge(incidentId, 'report', NOW + 11),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await store.postmortemSteps.moveNudge(incidentId, 'draft', NOW + 30);
    expect(await store.postmortemSteps.dueNudges(incidentId, NOW + 29)).toEqual([]);
    expect(await store.leases.claimDue('postmortemNudge', NOW + 29, { owner: 'a', until: NOW + 99 }, 10)).toEqual([]);
    expect(await store.postmortemSteps.markDone(incidentId, 'report', NOW + 12, 'UBOB')).toBe(true);
    expect(await store.postmortemSteps.markDone(incidentId, 'report', NOW + 13, 'UBOB')).toBe(false);
    await store.postmortemSteps.plan(incidentId, 'report', NOW + 99);
    await store.postmortemSteps.dropOpen(incidentId);
    expect(await store.postmortemSteps.of(incidentId)).toEqual([
      { incidentId, step: 'report', dueAt: NOW + 10, nudgedAt: NOW + 11, doneAt: NOW + 12, doneBy: 'UBOB' },
    ]);
  });

  it('edits timeline entries keeping their history, and leaves removed ones out', async () => {
    const note = (at: number, text: string, sourceKey: string) =>
      ({
        incidentId,
        at,
        kind: 'note',
        actorId: 'UBOB',
        data: { source: 'message', body: text },
        sourceKey,
      }) as unknown as NewTimelineEntry;
    const first = (await bareRecorder.record(store, note(NOW + 1, 'one', 'C1:1'))) as number;
    const second = (await bareRecorder.record(store, note(NOW + 2, 'two', 'C1:2'))) as number;
    const entry = (await store.timeline.get(first)) as TimelineEntry;
    expect(
      await bareRecorder.rewrite(store, { ...entry, at: NOW + 3 } as TimelineEntry, { at: NOW + 9, by: 'UBOB' }),
    ).toBe(true);
    expect((await store.timeline.list(incidentId)).map((e) => e.id)).toEqual([second, first]);
    expect(await store.timeline.firstBy(incidentId, 'UBOB')).toBe(NOW + 2);
    expect(await store.timeline.everyBySource('C1:2')).toHaveLength(1);
    expect(await store.timeline.remove(second, NOW + 10, null)).toBe(true);
    expect(await store.timeline.remove(second, NOW + 10, null)).toBe(false);
    expect(await store.timeline.get(second)).toBeUndefined();
    expect(await store.timeline.everyBySource('C1:2')).toEqual([]);
    expect(await store.timeline.countByKind(incidentId)).toEqual({ note: 1 });
    expect(await store.timeline.count(incidentId)).toBe(1);
    expect(await bareRecorder.rewrite(store, { ...entry, id: second } as TimelineEntry, { at: NOW, by: null })).toBe(
      false,
    );
  });
});
