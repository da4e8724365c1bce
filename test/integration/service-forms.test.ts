import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents, storedLine } from '../support/stored';
import { messageContaining, openedView } from './flows';

const FRANK = 'UFRANK0006';
const PAYMENTS_CHANNEL = 'C0PAYMENTS';
const PAYMENTS = {
  id: 'payments',
  name: 'Payments API',
  oncall: 'payments-primary',
  channel: PAYMENTS_CHANNEL,
  runbook: 'https://wiki.example.com/runbooks/payments',
};
const SEARCH = { id: 'search', name: 'Search' };
/** More services than a static menu holds (Slack allows 100 options). */
const MANY = Array.from({ length: 150 }, (_, i) => ({ id: `svc-${i + 1}`, name: `Service ${i + 1}` }));

const serviceLines = async (h: Harness, incidentId: number) =>
  (await storedEntries(h.store, { incidentId })).filter((e) => e.kind.startsWith('service_')).map(storedLine);

describe.each(APP_ENGINES)('the affected services in forms on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  afterEach(async () => h?.stop());

  async function start(services: unknown[]) {
    h = await startHarness({
      policy: {
        oncall: [
          { name: 'platform', users: [PEOPLE.bob] },
          { name: 'payments-primary', users: [FRANK] },
        ],
        services,
      },
      ...(await database.options()),
    });
    h.fake.addUser({ id: FRANK, name: 'frank', real_name: 'frank', tz: 'Europe/London' });
    h.fake.addChannel({ id: PAYMENTS_CHANNEL, name: 'team-payments' });
  }

  /** Alice declares with bob leading and the given services; bob posts updates. */
  async function declareWith(services: string) {
    await h.user(PEOPLE.alice).command('declare Card payments failing');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
      severity: 'SEV2',
      commander: PEOPLE.bob,
      services,
    });
    await h.commander.idle();
    const [incident] = await storedIncidents(h.store);
    return incident!;
  }

  const servicesField = (callbackId: string) =>
    openedView(h, callbackId).view.blocks.find((b: { block_id?: string }) => b.block_id === 'services') as
      | { element: Record<string, any>; dispatch_action?: boolean }
      | undefined;

  describe('the update form', () => {
    beforeEach(() => start([PAYMENTS, SEARCH]));

    it('shows the services the incident has, and a changed choice adds and removes them with their entries and reach', async () => {
      const incident = await declareWith('search');
      const channelId = incident.channelId!;
      await h.user(PEOPLE.bob).command('update', channelId);
      const field = servicesField('post_update')!;
      expect(field.element.initial_options.map((o: { value: string }) => o.value)).toEqual(['search']);
      expect(h.fake.messages(PAYMENTS_CHANNEL)).toHaveLength(0);

      await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), {
        status: 'identified',
        summary: 'Card payments are the cause',
        services: 'payments',
      });
      await h.commander.idle();

      expect(await h.store.incidentServices.of(incident.id)).toEqual(['payments']);
      expect(await serviceLines(h, incident.id)).toEqual([
        'Affected service added: Search',
        'Affected service added: Payments API',
        'Affected service removed: Search',
      ]);
      // The added service's team is reached: its on-call invited, its channel told, its runbook bookmarked.
      expect([...h.fake.channel(channelId)!.members]).toContain(FRANK);
      expect(h.fake.messages(PAYMENTS_CHANNEL)).toHaveLength(1);
      expect(h.fake.bookmarks(channelId).map((b) => b.link)).toEqual([PAYMENTS.runbook]);
      const kickoff = JSON.stringify(messageContaining(h, channelId, 'incident_open_update')!.blocks);
      expect(kickoff).toContain('Payments API');
      expect(kickoff).not.toContain('Search');
      expect((await h.store.incidents.get(incident.id))!.status).toBe('identified');
    });

    it('submitted with the services it showed, it posts the update and leaves the services alone', async () => {
      const incident = await declareWith('payments');
      const channelId = incident.channelId!;
      await h.user(PEOPLE.bob).command('update', channelId);
      const invites = h.fake.okCalls('conversations.invite').length;
      await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), { status: 'mitigating', summary: 'Rolling back' });
      await h.commander.idle();

      expect((await h.store.incidents.get(incident.id))!.status).toBe('mitigating');
      expect(await serviceLines(h, incident.id)).toEqual(['Affected service added: Payments API']);
      expect(h.fake.messages(PAYMENTS_CHANNEL)).toHaveLength(1);
      expect(h.fake.okCalls('conversations.invite')).toHaveLength(invites);
    });

    it('someone who may not change the incident changes none of its services, even with a form opened by someone who may', async () => {
      const incident = await declareWith('payments');
      const channelId = incident.channelId!;
      await h.user(PEOPLE.bob).command('update', channelId);
      await h.user(PEOPLE.carol).submit(openedView(h, 'post_update'), {
        status: 'identified',
        summary: 'Not mine to say',
        services: 'search',
      });
      await h.commander.idle();
      expect(await h.store.incidentServices.of(incident.id)).toEqual(['payments']);
      expect(await serviceLines(h, incident.id)).toEqual(['Affected service added: Payments API']);
    });
  });

  describe('a catalog of 150 services', () => {
    beforeEach(() => start(MANY));

    it('is searched by name or id through an options request, and chosen in the declare and update forms', async () => {
      await h.user(PEOPLE.alice).command('declare Everything is slow');
      const field = servicesField('declare_incident')!;
      expect(field.element.type).toBe('multi_external_select');
      expect(field.element.options).toBeUndefined();

      const view = openedView(h, 'declare_incident');
      const first = await h.user(PEOPLE.alice).suggest(view, 'services', '');
      expect(first).toHaveLength(100);
      const byName = await h.user(PEOPLE.alice).suggest(view, 'services', 'service 14');
      expect(byName.map((o) => o.value)).toEqual(['svc-14', ...Array.from({ length: 10 }, (_, i) => `svc-${140 + i}`)]);
      expect((await h.user(PEOPLE.alice).suggest(view, 'services', 'SVC-150')).map((o) => o.text.text)).toEqual([
        'Service 150',
      ]);
      expect(await h.user(PEOPLE.alice).suggest(view, 'services', 'nothing like it')).toEqual([]);

      await h.user(PEOPLE.alice).submit(view, { severity: 'SEV3', commander: PEOPLE.bob, services: 'svc-150' });
      await h.commander.idle();
      const [incident] = await storedIncidents(h.store);
      expect(await h.store.incidentServices.of(incident!.id)).toEqual(['svc-150']);

      await h.user(PEOPLE.bob).command('update', incident!.channelId!);
      const update = servicesField('post_update')!;
      expect(update.element.type).toBe('multi_external_select');
      expect(update.element.initial_options).toEqual([
        expect.objectContaining({ value: 'svc-150', text: expect.objectContaining({ text: 'Service 150' }) }),
      ]);
      await h.user(PEOPLE.bob).submit(openedView(h, 'post_update'), {
        status: 'identified',
        summary: 'Found it',
        services: 'svc-150,svc-7',
      });
      await h.commander.idle();
      expect((await h.store.incidentServices.of(incident!.id)).sort()).toEqual(['svc-150', 'svc-7']);
    });
  });

  describe('the declare form', () => {
    beforeEach(() => start([PAYMENTS, SEARCH]));

    it('choosing a service while nobody chose a commander offers its on-call, in the same form', async () => {
      await h.user(PEOPLE.alice).command('declare Card payments failing');
      const view = openedView(h, 'declare_incident');
      expect(servicesField('declare_incident')!.dispatch_action).toBe(true);
      const opened = { id: view.id, hash: view.hash };

      await h.user(PEOPLE.alice).change(view, { services: 'payments' }, 'services');
      const updates = h.fake.okCalls('views.update');
      expect(updates).toHaveLength(1);
      expect(updates[0]!.args.hash).toBe(opened.hash);
      const updated = openedView(h, 'declare_incident');
      expect(updated.id).toBe(opened.id);
      const commander = updated.view.blocks.find((b: { block_id?: string }) => b.block_id === 'commander');
      expect(commander.element.initial_user).toBe(FRANK);
      expect(commander.hint.text).toContain('payments-primary');

      await h.user(PEOPLE.alice).submit(updated, { severity: 'SEV2', services: 'payments' });
      await h.commander.idle();
      const [incident] = await storedIncidents(h.store);
      expect(incident!.commanderId).toBe(FRANK);
    });

    it('a commander the person chose stays when services are chosen after, and a service without on-call changes nothing', async () => {
      await h.user(PEOPLE.alice).command('declare Card payments failing');
      const view = openedView(h, 'declare_incident');
      await h.user(PEOPLE.alice).change(view, { commander: PEOPLE.carol, services: 'payments' }, 'services');
      await h.user(PEOPLE.alice).change(view, { services: 'search' }, 'services');
      expect(h.fake.okCalls('views.update')).toHaveLength(0);
    });
  });
});
