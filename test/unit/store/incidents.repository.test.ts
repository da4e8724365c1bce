import type { Tx } from '../../../src/store';
import { entries } from '../../../src/timeline/entries';
import { STORE_ENGINES } from '../../support/store-engines';
import { bareRecorder } from '../../support/recorder';

const declaration = (key: string, declaredAt = 1_000) => ({
  declareKey: key,
  title: `Incident ${key}`,
  severity: 'SEV2',
  impact: 'checkout down',
  commanderId: 'UBOB',
  declaredBy: 'UALICE',
  declaredAt,
  sourceViewId: 'V1',
});

// Times well past 2^31: the BIGINT milliseconds a real clock gives, which must come back as numbers.
const NOW = 1_764_633_600_000;

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  '%s incidents and timeline',
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    beforeEach(async () => {
      store = await engine.fresh();
    });
    afterAll(() => engine.end());

    it('declares each key once, even when both submits arrive together', async () => {
      const [a, again] = await Promise.all([
        store.incidents.insertOnce(declaration('K1', NOW)),
        store.incidents.insertOnce(declaration('K1', NOW)),
      ]);
      expect([a, again].filter((r) => r.created)).toHaveLength(1);
      expect(a.incident.id).toBe(again.incident.id);
      expect(await store.incidents.listOpen()).toHaveLength(1);
    });

    it('numbers incidents from the database, and a redelivered declaration uses up no number', async () => {
      const a = await store.incidents.insertOnce(declaration('K1', NOW));
      expect(await store.incidents.insertOnce(declaration('K1', NOW))).toMatchObject({
        created: false,
        incident: { id: 1 },
      });
      const b = await store.incidents.insertOnce(declaration('K2', NOW));
      expect([a.incident.id, b.incident.id]).toEqual([1, 2]);
      expect(await store.incidents.get(a.incident.id)).toMatchObject({
        title: 'Incident K1',
        status: 'investigating',
        declaredAt: NOW,
        isPrivate: false,
        roles: {},
        resolvedAt: null,
      });
    });

    it('updates fields, roles and flags, and finds incidents by channel, openness and age', async () => {
      const { incident } = await store.incidents.insertOnce({ ...declaration('K1', NOW), isPrivate: true });
      const old = (await store.incidents.insertOnce(declaration('OLD', NOW - 10_000_000))).incident;
      await store.incidents.update(old.id, { status: 'resolved', resolvedAt: NOW - 9_000_000 });
      const updated = await store.incidents.update(incident.id, {
        channelId: 'C1',
        channelName: 'inc-1',
        roles: { scribe: 'UCAROL' },
        archiveDueAt: NOW + 5,
      });
      expect(updated).toMatchObject({
        channelId: 'C1',
        roles: { scribe: 'UCAROL' },
        isPrivate: true,
        archiveDueAt: NOW + 5,
      });
      expect((await store.incidents.findByChannel('C1'))?.id).toBe(incident.id);
      expect(await store.incidents.findByChannel('C2')).toBeUndefined();
      expect((await store.incidents.listOpen()).map((i) => i.id)).toEqual([incident.id]);
      expect((await store.incidents.listRecent(NOW - 1)).map((i) => i.id)).toEqual([incident.id]);
      expect((await store.incidents.listRecent(NOW - 9_500_000)).map((i) => i.id)).toEqual([incident.id, old.id]);
      expect(await store.incidents.archiveDueIds(NOW + 4, 10)).toEqual([]);
      expect(await store.incidents.archiveDueIds(NOW + 5, 10)).toEqual([incident.id]);
    });

    it('keeps set-up progress: steps done once, failed attempts counted, retries planned', async () => {
      const { incident } = await store.incidents.insertOnce(declaration('K1', NOW));
      await store.incidents.markStepDone(incident.id, 'channel', NOW);
      await store.incidents.markStepDone(incident.id, 'channel', NOW + 1);
      await store.incidents.markStepDone(incident.id, 'kickoff', NOW);
      expect(await store.incidents.stepsDone(incident.id)).toEqual(new Set(['channel', 'kickoff']));
      await store.incidents.clearStep(incident.id, 'kickoff');
      expect(await store.incidents.stepsDone(incident.id)).toEqual(new Set(['channel']));
      expect(await store.incidents.failedSetupAttempts(incident.id)).toBe(0);
      expect(await store.incidents.countFailedSetup(incident.id)).toBe(1);
      expect(await store.incidents.countFailedSetup(incident.id)).toBe(2);
      await store.incidents.planSetupRetry(incident.id, NOW + 60_000);
      expect(await store.incidents.setupRetryDueIds(NOW, 10)).toEqual([]);
      expect(await store.incidents.setupRetryDueIds(NOW + 60_000, 10)).toEqual([incident.id]);
      expect((await store.incidents.listSetupPending()).map((i) => i.id)).toEqual([incident.id]);
      await store.incidents.update(incident.id, { setupDoneAt: NOW });
      expect(await store.incidents.setupRetryDueIds(NOW + 60_000, 10)).toEqual([]);
      expect(await store.incidents.listSetupPending()).toEqual([]);
    });

    it('keeps the timeline in time order, each source once, with pages, kinds, counts and the latest entries', async () => {
      const { incident } = await store.incidents.insertOnce(declaration('K1', NOW));
      const at = (n: number) => ({ incidentId: incident.id, at: NOW + n, actorId: 'UBOB' });
      const first = await bareRecorder.record(store, entries.note(at(2), { source: 'second', body: ['b'] }, 'k2'));
      await bareRecorder.record(store, entries.note(at(1), { source: 'first', body: ['a'] }, 'k1'));
      expect(
        await bareRecorder.record(store, entries.note(at(9), { source: 'again', body: ['a'] }, 'k2')),
      ).toBeUndefined();
      await bareRecorder.record(store, entries.archived(at(3)));
      expect(typeof first).toBe('number');
      const all = await store.timeline.list(incident.id);
      expect(all.map((e) => e.kind)).toEqual(['note', 'note', 'archived']);
      expect(all[0]).toMatchObject({ at: NOW + 1, actorId: 'UBOB', data: { source: 'first', body: ['a'] } });
      expect(await store.timeline.count(incident.id)).toBe(3);
      expect((await store.timeline.findBySource(incident.id, 'note:k2'))?.id).toBe(first);
      expect((await store.timeline.listKind(incident.id, 'archived')).map((e) => e.at)).toEqual([NOW + 3]);
      expect((await store.timeline.recent(incident.id, 2)).map((e) => e.at)).toEqual([NOW + 2, NOW + 3]);
      const page = await store.timeline.pageAfter(incident.id, null, 2);
      const last = page[1] as (typeof page)[number];
      expect((await store.timeline.pageAfter(incident.id, { at: last.at, id: last.id }, 2)).map((e) => e.at)).toEqual([
        NOW + 3,
      ]);
    });
  },
);
