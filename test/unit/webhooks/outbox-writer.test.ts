import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { entries } from '../../../src/timeline/entries';
import { createRecorder } from '../../../src/timeline/record';
import { queueingWebhookEvents } from '../../../src/webhooks/outbox-writer';
import type { Webhook } from '../../../src/webhooks/webhooks.config';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const hook = (url: string, o: Partial<Webhook> = {}): Webhook => ({
  url,
  secret: 'x'.repeat(16),
  private: false,
  timeout: 10_000,
  giveUpAfter: 86_400_000,
  ...o,
});

async function setUp(webhooks: Webhook[]) {
  const db = openDatabase(':memory:');
  migrate(db);
  let woken = 0;
  let n = 0;
  const store = createStore(db);
  const queue = queueingWebhookEvents({ webhooks, onQueued: () => woken++, newId: () => `evt_${++n}` });
  const recorder = createRecorder({ line: () => '', inTransaction: queue ? [queue] : [] });
  const { incident } = await store.incidents.insertOnce({
    declareKey: 'k',
    title: 'Checkout down',
    severity: 'SEV2',
    impact: 'EU',
    commanderId: 'UBOB',
    declaredBy: 'UALICE',
    declaredAt: T0,
    sourceViewId: null,
    isPrivate: false,
  });
  const rows = () =>
    db.prepare('SELECT event_id, url, type, body FROM webhook_outbox ORDER BY id').all() as Array<{
      event_id: string;
      url: string;
      type: string;
      body: string;
    }>;
  return { store, recorder, incident, rows, woken: () => woken };
}

describe('the outbox writer', () => {
  it('queues the event in the change’s transaction, with the incident as the change left it', async () => {
    const { store, recorder, incident, rows, woken } = await setUp([
      hook('https://a.example.com'),
      hook('https://b.example.com'),
    ]);
    await store.transaction(async (tx) => {
      await tx.incidents.update(incident.id, { severity: 'SEV1' });
      await recorder.record(
        tx,
        entries.severityChanged(
          { incidentId: incident.id, at: T0 + 1, actorId: 'UBOB' },
          { from: 'SEV2', to: 'SEV1', reason: '' },
        ),
      );
    });
    expect(rows().map((r) => [r.event_id, r.url, r.type])).toEqual([
      ['evt_1', 'https://a.example.com', 'incident.severity_changed'],
      ['evt_1', 'https://b.example.com', 'incident.severity_changed'],
    ]);
    expect(JSON.parse(rows()[0]!.body).incident.severity).toBe('SEV1');
    expect(woken()).toBe(1);
  });

  it('queues nothing when the change is rolled back', async () => {
    const { store, recorder, incident, rows } = await setUp([hook('https://a.example.com')]);
    await expect(
      store.transaction(async (tx) => {
        await tx.incidents.update(incident.id, { severity: 'SEV1' });
        await recorder.record(
          tx,
          entries.severityChanged({ incidentId: incident.id, at: T0 }, { from: 'SEV2', to: 'SEV1', reason: '' }),
        );
        throw new Error('the change failed after its entry was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(rows()).toEqual([]);
    expect((await store.incidents.get(incident.id))?.severity).toBe('SEV2');
  });

  it('queues nothing for an entry that is no event, or an event no receiver asked for', async () => {
    const { store, recorder, incident, rows } = await setUp([
      hook('https://a.example.com', { events: ['incident.resolved'] }),
    ]);
    const note = entries.note({ incidentId: incident.id, at: T0 }, { source: 'hi', body: ['hi'] }, 'req-1');
    await recorder.record(store, note);
    await recorder.record(
      store,
      entries.followupAdded({ incidentId: incident.id, at: T0 }, { followupId: 1, ownerId: null, text: 'x' }),
    );
    expect(rows()).toEqual([]);
  });

  it('does not listen when no receiver is configured', () => {
    expect(queueingWebhookEvents({ webhooks: [] })).toBeUndefined();
  });
});
