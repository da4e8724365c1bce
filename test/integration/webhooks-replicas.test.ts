import { createLogger } from '../../src/logger';
import type { Tx } from '../../src/store';
import { leaseHolderOf } from '../../src/timers/lease-holder';
import { createJobRunner } from '../../src/timers/runner';
import type { TimedJob } from '../../src/timers/timed-job';
import { createWebhookSender, type DeliveryOutcome } from '../../src/webhooks/sender';
import { webhooksSchema } from '../../src/webhooks/webhooks.config';
import { ManualClock } from '../support/manual-clock';
import { STORE_ENGINES } from '../support/store-engines';
import { WebhookReceiver, whenReceivers } from '../support/webhook-receiver';

const SECRET = 'status-page-secret-0123456789';
const T0 = Date.UTC(2026, 10, 24, 9);
const INCIDENTS = 12;
const EVENTS_EACH = 3;

/**
 * Two replicas sending one outbox: two job runners with their own lease owners on one database,
 * each with the sender's jobs, sending to one real receiver.
 */
describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))(
  '%s: webhook events sent by two replicas',
  (_name, makeEngine) => {
    const engine = makeEngine();
    let store: Tx;
    let receiver: WebhookReceiver;
    let clock: ManualClock;

    beforeEach(async () => {
      store = await engine.fresh();
      clock = new ManualClock(T0);
      receiver = await WebhookReceiver.start(SECRET);
      receiver.useClock(clock);
    });
    afterEach(() => receiver.stop());
    afterAll(() => engine.end());

    function replica(owner: string) {
      const lines: string[] = [];
      const outcomes: DeliveryOutcome[] = [];
      const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
      const runner = createJobRunner({ store, clock, lease: leaseHolderOf({ leaseFor: 60_000 }, owner), logger });
      const sender = createWebhookSender({
        store,
        runner,
        webhooks: webhooksSchema.parse([{ url: receiver.url, secret: SECRET, timeout: '10s' }]),
        clock,
        logger,
        onOutcome: (outcome) => outcomes.push(outcome),
      });
      const job = sender.jobs[0] as TimedJob;
      return { lines, outcomes, run: () => runner.run(job) };
    }

    /** Incidents with their events queued for the receiver, in the order they happened. */
    async function queue(incidents: number, eventsEach: number): Promise<string[][]> {
      const queued: string[][] = [];
      const ids: number[] = [];
      for (let i = 0; i < incidents; i++) {
        const { incident } = await store.incidents.insertOnce({
          declareKey: `K${i}`,
          title: `Outage ${i}`,
          severity: 'SEV1',
          impact: '',
          commanderId: 'UBOB',
          declaredBy: 'UALICE',
          declaredAt: T0,
          sourceViewId: null,
        });
        ids.push(incident.id);
        queued.push([]);
      }
      // Interleaved across incidents, as changes to several incidents at once are.
      for (let n = 0; n < eventsEach; n++) {
        for (let i = 0; i < incidents; i++) {
          const eventId = `evt_${i}_${n}`;
          const incidentId = ids[i] as number;
          const event = { id: eventId, type: 'incident.updated', incident: { id: incidentId, title: `Outage ${i}` } };
          await store.webhookOutbox.enqueue(
            { eventId, incidentId, type: event.type, body: JSON.stringify(event), at: T0 },
            [receiver.url],
          );
          queued[i]!.push(eventId);
        }
      }
      return queued;
    }

    it('never send an event twice, and each incident gets its events in order, whichever replica sends them', async () => {
      const queued = await queue(INCIDENTS, EVENTS_EACH);
      const [a, b] = [replica('replica-a'), replica('replica-b')];
      // Two first attempts fail: those incidents' later events must wait for the retries.
      receiver.answer(500, 503);
      for (let round = 0; round < 10 && (await store.webhookOutbox.depth()) > 0; round++) {
        await Promise.all([a.run(), b.run()]);
        clock.advance(60_000);
      }

      const taken = receiver.accepted().map((r) => r.event.id);
      expect(taken).toHaveLength(INCIDENTS * EVENTS_EACH);
      expect(new Set(taken).size).toBe(taken.length);
      // Only the two that failed were sent more than once.
      expect(receiver.requests).toHaveLength(taken.length + 2);
      for (const events of queued) expect(taken.filter((id) => events.includes(id))).toEqual(events);
      expect(receiver.requests.every((r) => r.signature === 'valid')).toBe(true);
      // Both worked: side by side, not one waiting for the other.
      expect(a.outcomes.filter((o) => o === 'delivered').length).toBeGreaterThan(0);
      expect(b.outcomes.filter((o) => o === 'delivered').length).toBeGreaterThan(0);
      expect([...a.outcomes, ...b.outcomes].sort()).toEqual([...taken.map(() => 'delivered'), 'retry', 'retry']);
    });

    it('a replica that lost the lease mid-attempt writes nothing: the row is as the replica that took it over left it', async () => {
      await queue(1, 1);
      // The outbox's only row (a fresh database numbers it 1).
      const [a, b] = [replica('replica-a'), replica('replica-b')];
      // A's attempt is held open: A has frozen, as far as the database can tell.
      receiver.answer('hang', 500);
      const stalled = a.run();
      await whenReceivers([receiver], () => receiver.hanging() === 1);
      // Past A's lease (the receiver's timeout and a margin), B takes the delivery over; the receiver fails it.
      clock.advance(41_000);
      expect(await b.run()).toBe(1);
      const afterB = await store.webhookOutbox.get(1);
      expect(afterB).toMatchObject({ state: 'pending', attempts: 2, lastError: 'HTTP 500' });
      expect(afterB!.nextAt).toBeGreaterThan(clock.now());

      // A's attempt ends at last (its connection dropped): A no longer holds the row and settles nothing.
      receiver.dropHanging();
      const counted = await stalled;
      expect(await store.webhookOutbox.get(1)).toEqual(afterB);
      expect(counted).toBe(0);
      expect(await store.leases.holder('webhook', 1)).toBeNull();
      expect([a.outcomes, b.outcomes]).toEqual([[], ['retry']]);
      expect(a.lines.some((line) => line.includes('webhook attempt outlived its lease'))).toBe(true);
    });
  },
);
