import { APP_ENGINES, appDatabase, tableRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { WebhookReceiver } from '../support/webhook-receiver';
import { declareIncident, openedView } from './flows';

const SECRET = 'status-page-secret-0123456789';
const PRIVATE_SECRET = 'security-secret-0123456789ab';
const SEC = 1_000;
const HOUR = 3_600_000;

describe.each(APP_ENGINES)('on %s', (engine) => {
  const database = appDatabase(engine);

  let h: Harness;
  let receiver: WebhookReceiver;
  let others: WebhookReceiver[] = [];
  let logLines: string[];

  afterEach(async () => {
    await h?.stop();
    await receiver?.stop();
    await Promise.all(others.map((r) => r.stop()));
    others = [];
  });

  /** The app with one receiver (plus any others given), on the harness's ManualClock. */
  async function start(
    webhook: Record<string, unknown> = {},
    extra: Array<Record<string, unknown>> = [],
    o: { metrics?: boolean } = {},
  ) {
    logLines = [];
    receiver = await WebhookReceiver.start(SECRET);
    h = await startHarness({
      policy: { webhooks: [{ url: receiver.url, secret: SECRET, ...webhook }, ...extra] },
      logLines,
      ...o,
      ...(await database.options()),
    });
    receiver.useClock(h.clock);
  }

  describe('events out', () => {
    it('sends every change as a signed event, right after the change, with the incident as it is and what changed', async () => {
      await start();
      const bob = h.user(PEOPLE.bob);
      const incident = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Checkout down',
        commander: PEOPLE.bob,
      });
      await bob.command('update', incident.channelId);
      await bob.submit(openedView(h, 'post_update'), { status: 'identified', summary: 'A bad deploy' });
      await bob.command('severity SEV2 Fewer users affected', incident.channelId);
      await bob.command(`assign comms <@${PEOPLE.carol}|carol>`, incident.channelId);
      await bob.command('followup Add a canary stage', incident.channelId);
      await bob.command('done 1', incident.channelId);
      await bob.command('resolve', incident.channelId);
      await bob.submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
      await bob.command('reopen It is back', incident.channelId);
      await bob.command('note not an event', incident.channelId);
      await bob.command('postmortem', incident.channelId);

      // No tick was run: each event went out right after its change.
      expect(receiver.types()).toEqual([
        'incident.declared',
        'incident.updated',
        'incident.severity_changed',
        'incident.role_assigned',
        'followup.added',
        'followup.done',
        'incident.resolved',
        'incident.reopened',
        'postmortem.uploaded',
      ]);
      expect(receiver.requests.map((r) => r.signature)).toEqual(receiver.requests.map(() => 'valid'));
      expect(new Set(receiver.requests.map((r) => r.event.id)).size).toBe(9);
      expect(receiver.accepted()[8]!.event.change).toEqual({
        draft: true,
        fileName: `postmortem-${incident.incidentId}-draft.md`,
      });
      const severity = receiver.accepted()[2]!;
      expect(severity.headers['x-commander-event']).toBe('incident.severity_changed');
      expect(severity.headers['x-commander-event-id']).toBe(severity.event.id);
      expect(severity.event).toEqual({
        id: expect.stringMatching(/^evt_/),
        type: 'incident.severity_changed',
        occurredAt: new Date(h.clock.now()).toISOString(),
        actorId: PEOPLE.bob,
        incident: expect.objectContaining({
          id: incident.incidentId,
          title: 'Checkout down',
          severity: 'SEV2',
          status: 'identified',
          commanderId: PEOPLE.bob,
          channelId: incident.channelId,
          private: false,
          resolvedAt: null,
        }),
        change: { from: 'SEV1', to: 'SEV2', reason: 'Fewer users affected' },
      });
      expect(receiver.accepted()[1]!.event.change).toMatchObject({
        from: 'investigating',
        to: 'identified',
        summary: 'A bad deploy',
      });
      expect(receiver.accepted()[6]!.event.incident).toMatchObject({ status: 'resolved', resolution: 'Rolled back' });
      // Logs name the event, never the secret, what it says, or the URL's path (it may hold a token).
      const logs = logLines.join('\n');
      expect(logs).not.toContain(SECRET);
      const webhookLogs = logLines.filter((line) => line.includes('"component":"webhooks"')).join('\n');
      expect(webhookLogs).toContain('webhook event delivered');
      expect(webhookLogs).not.toContain('A bad deploy');
      expect(webhookLogs).not.toContain('Checkout down');
      expect(webhookLogs).not.toContain('/hooks/commander');
    });

    it('sends a receiver only the event types it asked for', async () => {
      await start({ events: ['incident.declared', 'incident.resolved'] });
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Search slow', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('severity SEV2', incident.channelId);
      await h.user(PEOPLE.bob).command('resolve', incident.channelId);
      await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Fixed' });
      expect(receiver.types()).toEqual(['incident.declared', 'incident.resolved']);
    });

    it('retries through 500s and a dropped connection with growing waits, sending the same event each time', async () => {
      await start();
      receiver.answer(500, 'drop', 503);
      await declareIncident(h, h.user(PEOPLE.alice), { title: 'Login errors', commander: PEOPLE.bob });
      expect(receiver.requests.map((r) => r.answer)).toEqual([500]);

      // Not due yet: the first retry waits 5-10 s.
      await h.tick();
      expect(receiver.requests).toHaveLength(1);
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(receiver.requests.map((r) => r.answer)).toEqual([500, 'drop']);
      // The second wait is longer than the first could be.
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(receiver.requests).toHaveLength(2);
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(receiver.requests.map((r) => r.answer)).toEqual([500, 'drop', 503]);
      h.clock.advance(40 * SEC);
      await h.tick();
      expect(receiver.requests.map((r) => r.answer)).toEqual([500, 'drop', 503, 200]);
      expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
      expect(receiver.requests.every((r) => r.signature === 'valid')).toBe(true);
      // Delivered: nothing more is sent.
      h.clock.advance(HOUR);
      await h.tick();
      expect(receiver.requests).toHaveLength(4);
    });

    it("keeps order per incident: an incident's later event waits for its earlier one; other incidents go on", async () => {
      await start();
      receiver.answer(500);
      const first = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Payments failing',
        commander: PEOPLE.bob,
      });
      await h.user(PEOPLE.bob).command('severity SEV2', first.channelId);
      await h.user(PEOPLE.bob).command('followup Add alerting', first.channelId);
      const second = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Email delayed',
        commander: PEOPLE.carol,
      });
      const incidentOf = (r: { event: { incident: { id: number } } }) => r.event.incident.id;
      // The first incident's declaration failed: its later events wait; the second incident's went out.
      expect(receiver.accepted().map((r) => [incidentOf(r), r.event.type])).toEqual([
        [second.incidentId, 'incident.declared'],
      ]);
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(receiver.accepted().map((r) => [incidentOf(r), r.event.type])).toEqual([
        [second.incidentId, 'incident.declared'],
        [first.incidentId, 'incident.declared'],
        [first.incidentId, 'incident.severity_changed'],
        [first.incidentId, 'followup.added'],
      ]);
    });

    it('stops retrying an event answered 410 Gone, lists it as failed, and goes on with the next', async () => {
      await start();
      receiver.answer(410);
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Gone away', commander: PEOPLE.bob });
      for (let i = 0; i < 5; i++) {
        h.clock.advance(HOUR);
        await h.tick();
      }
      expect(receiver.requests.map((r) => r.answer)).toEqual([410]);
      const failed = (await h.store.webhookOutbox.failed()).map((e) => ({ type: e.type, lastError: e.lastError }));
      expect(failed).toEqual([{ type: 'incident.declared', lastError: 'HTTP 410' }]);
      await h.user(PEOPLE.bob).command('severity SEV2', incident.channelId);
      expect(receiver.types()).toEqual(['incident.severity_changed']);
    });

    it('gives an event up after giveUpAfter', async () => {
      await start({ giveUpAfter: '2m' });
      receiver.answer(...Array.from({ length: 20 }, () => 500));
      await declareIncident(h, h.user(PEOPLE.alice), { title: 'Never taken', commander: PEOPLE.bob });
      for (let i = 0; i < 10; i++) {
        h.clock.advance(30 * SEC);
        await h.tick();
      }
      const attempts = receiver.requests.length;
      expect(attempts).toBeGreaterThan(2);
      expect(attempts).toBeLessThan(10);
      expect(await tableRows(h, 'SELECT state FROM webhook_outbox')).toEqual([{ state: 'failed' }]);
      h.clock.advance(HOUR);
      await h.tick();
      expect(receiver.requests).toHaveLength(attempts);
    });

    it('sends the events of private incidents only to receivers marked private', async () => {
      const privateReceiver = await WebhookReceiver.start(PRIVATE_SECRET, '/security');
      others.push(privateReceiver);
      await start({}, [{ url: privateReceiver.url, secret: PRIVATE_SECRET, private: true }]);
      privateReceiver.useClock(h.clock);
      await h.user(PEOPLE.alice).command('declare Leaked credentials');
      await h
        .user(PEOPLE.alice)
        .submit(openedView(h, 'declare_incident'), { severity: 'SEV1', commander: PEOPLE.bob, visibility: 'private' });
      await declareIncident(h, h.user(PEOPLE.alice), { title: 'Public outage', commander: PEOPLE.bob });
      expect(privateReceiver.accepted().map((r) => [r.event.incident.title, r.signature])).toEqual([
        ['Leaked credentials', 'valid'],
        ['Public outage', 'valid'],
      ]);
      expect(privateReceiver.accepted()[0]!.event.incident).toMatchObject({ private: true });
      expect(receiver.accepted().map((r) => r.event.incident.title)).toEqual(['Public outage']);
    });

    it('loses nothing across a restart: events not yet taken are sent by the new process, once', async () => {
      await start();
      receiver.answer(500, 500);
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Disk full', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('severity SEV3', incident.channelId);
      expect(receiver.accepted()).toEqual([]);
      await h.restart();
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(receiver.requests.map((r) => r.answer)).toEqual([500, 500]);
      h.clock.advance(20 * SEC);
      await h.tick();
      expect(receiver.types()).toEqual(['incident.declared', 'incident.severity_changed']);
      await h.restart();
      h.clock.advance(HOUR);
      await h.tick();
      expect(receiver.types()).toEqual(['incident.declared', 'incident.severity_changed']);
    });

    it('gives up, rather than keeps, the events of a receiver taken out of the policy', async () => {
      await start();
      receiver.answer(500);
      await declareIncident(h, h.user(PEOPLE.alice), { title: 'Receiver removed', commander: PEOPLE.bob });
      const { fake, dbPath, databaseUrl, clock } = h;
      await h.commander.stop();
      h = await startHarness({ fake, dbPath, databaseUrl, policy: { webhooks: [] } });
      h.clock.set(clock.now() + HOUR);
      await h.tick();
      expect(await tableRows(h, 'SELECT state, last_error FROM webhook_outbox')).toEqual([
        { state: 'failed', last_error: 'receiver no longer configured' },
      ]);
      expect(receiver.requests).toHaveLength(1);
      await fake.stop();
    });

    it("sends a URL's user:password as Basic auth, and keeps the password out of the outbox and the logs", async () => {
      logLines = [];
      receiver = await WebhookReceiver.start(SECRET);
      const url = receiver.url.replace('http://', 'http://hooks:p%40ss-w0rd@');
      h = await startHarness({
        policy: { webhooks: [{ url, secret: SECRET }] },
        logLines,
        ...(await database.options()),
      });
      receiver.useClock(h.clock);
      await declareIncident(h, h.user(PEOPLE.alice), { title: 'Behind a proxy', commander: PEOPLE.bob });
      expect(receiver.requests.map((r) => [r.answer, r.signature, r.headers.authorization])).toEqual([
        [200, 'valid', `Basic ${Buffer.from('hooks:p@ss-w0rd').toString('base64')}`],
      ]);
      expect(await tableRows(h, 'SELECT url, state FROM webhook_outbox')).toEqual([
        { url: receiver.url, state: 'delivered' },
      ]);
      expect(logLines.join('\n')).not.toContain('w0rd');
    });

    it('counts deliveries by outcome and shows the outbox depth on /metrics', async () => {
      await start({}, [], { metrics: true });
      const sample = async (series: string) => {
        const text = await (await fetch(h.metricsUrl)).text();
        const line = text.split('\n').find((l) => l.startsWith(`${series} `));
        return line === undefined ? undefined : Number(line.slice(series.length + 1));
      };
      receiver.answer(500);
      const incident = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Queue stuck', commander: PEOPLE.bob });
      await h.user(PEOPLE.bob).command('severity SEV2', incident.channelId);
      expect(await sample('commander_webhook_outbox_depth')).toBe(2);
      expect(await sample('commander_webhook_deliveries_total{outcome="retry"}')).toBe(1);
      h.clock.advance(10 * SEC);
      await h.tick();
      expect(await sample('commander_webhook_outbox_depth')).toBe(0);
      expect(await sample('commander_webhook_deliveries_total{outcome="delivered"}')).toBe(2);
    });
  });
});
