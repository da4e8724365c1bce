import type { Tx } from '../../../src/store';
import { STORE_ENGINES } from '../../support/store-engines';
import { newIncident } from '../../support/store-fixtures';

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  "%s incidents' affected services",
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    beforeEach(async () => {
      store = await engine.fresh();
    });
    afterAll(() => engine.end());

    it('adds a service once, lists them in the order added, and removes one', async () => {
      const { incident } = await store.incidents.insertOnce(newIncident('a'));
      expect(await store.incidentServices.add(incident.id, 'payments', 10, 'U0ALICE')).toBe(true);
      expect(await store.incidentServices.add(incident.id, 'database', 20, null)).toBe(true);
      expect(await store.incidentServices.add(incident.id, 'payments', 30, 'U0BOB')).toBe(false);
      expect(await store.incidentServices.of(incident.id)).toEqual(['payments', 'database']);
      expect(await store.incidentServices.remove(incident.id, 'payments')).toBe(true);
      expect(await store.incidentServices.remove(incident.id, 'payments')).toBe(false);
      expect(await store.incidentServices.of(incident.id)).toEqual(['database']);
    });

    it('reads the services of every incident from a number on, by incident, in the order added', async () => {
      const first = (await store.incidents.insertOnce(newIncident('a'))).incident;
      const second = (await store.incidents.insertOnce(newIncident('b'))).incident;
      const third = (await store.incidents.insertOnce(newIncident('c'))).incident;
      await store.incidentServices.add(first.id, 'payments', 1, null);
      await store.incidentServices.add(second.id, 'payments', 2, null);
      await store.incidentServices.add(second.id, 'database', 1, null);
      await store.incidentServices.add(third.id, 'search', 3, null);
      const byIncident = await store.incidentServices.ofIncidentsFrom(second.id);
      expect([...byIncident]).toEqual([
        [second.id, ['database', 'payments']],
        [third.id, ['search']],
      ]);
    });
  },
);
