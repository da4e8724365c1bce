import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import type { View } from '../support/fake-slack';
import { declareIncident, openedView } from './flows';

/** Publishing from Slack: the update, resolve and `/incident statuspage` forms (docs/status-page.md). */

const POLICY = {
  services: [
    { id: 'payments', name: 'Payments service', public: { name: 'Payments', group: 'Checkout' } },
    { id: 'ledger-db', name: 'Ledger database' },
  ],
  statusPage: {
    title: 'Acme Status',
    url: 'https://status.example.com',
    templates: { identified: 'We found the cause and are fixing it.', resolved: 'This incident is resolved.' },
  },
};

const get = async (h: Harness, path: string) => (await fetch(`${h.statusUrl}${path}`)).text();
const payments = async (h: Harness) => {
  const summary = JSON.parse(await get(h, '/api/v2/summary.json'));
  return {
    indicator: summary.status.indicator as string,
    status: summary.components.find((c: { id: string }) => c.id === 'payments').status as string,
  };
};

/** Waits, on the wall clock, until the page shows payments in `status`; returns how long that took. */
async function untilPaymentsIs(h: Harness, status: string, since: number): Promise<number> {
  while ((await payments(h)).status !== status) {
    if (Date.now() - since > 5_000) throw new Error(`payments never became ${status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - since;
}

const blockIds = (view: View): string[] => view.view.blocks.map((b: { block_id?: string }) => b.block_id);

describe.each(APP_ENGINES)('publishing to the status page from Slack (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()), statusPage: true, policy: POLICY });
  });
  afterEach(async () => h.stop());

  async function declare(o: { title: string; severity?: string; type?: string; services?: string[] }) {
    const declared = await declareIncident(h, h.user(PEOPLE.alice), {
      title: o.title,
      severity: o.severity ?? 'SEV1',
      commander: PEOPLE.bob,
      ...(o.type ? { type: o.type } : {}),
    });
    for (const service of o.services ?? ['payments'])
      await h.store.incidentServices.add(declared.incidentId, service, h.clock.now(), PEOPLE.alice);
    for (const person of [PEOPLE.bob, PEOPLE.carol]) h.fake.channel(declared.channelId)!.members.add(person);
    await h.commander.idle();
    return declared;
  }

  it('a SEV1 on payments published with the update form shows as a major outage on /, in summary.json and the feed within 1 s, and resolving returns it to operational', async () => {
    const incident = await declare({ title: 'SECRET ledger shard 7 corrupt' });
    const bob = h.user(PEOPLE.bob);
    await bob.command('update', incident.channelId);
    const form = openedView(h, 'post_update');
    expect(blockIds(form)).toEqual(
      expect.arrayContaining(['statuspage_publish', 'public_name', 'public_message', 'component:payments']),
    );
    expect(JSON.stringify(form.view.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Major outage"',
    );

    const submitted = Date.now();
    const response = await bob.submit(form, {
      status: 'identified',
      summary: 'SECRET: shard 7 of the ledger is corrupt',
      statuspage_publish: 'publish',
      public_name: 'Card payments failing',
      public_message: 'Some card payments fail. We found the cause.',
    });
    expect(response.status).toBe(200);
    expect(await untilPaymentsIs(h, 'major_outage', submitted)).toBeLessThan(1_000);
    expect((await payments(h)).indicator).toBe('critical');
    expect(await get(h, '/')).toContain('Major outage');
    expect(await get(h, '/feed.atom')).toContain('Card payments failing: Identified');

    await bob.command('resolve', incident.channelId);
    const resolve = openedView(h, 'resolve_incident');
    expect(blockIds(resolve)).not.toContain('public_name');
    expect(JSON.stringify(resolve.view.blocks)).toContain('This incident is resolved.');
    const resolved = Date.now();
    await bob.submit(resolve, {
      resolution: 'SECRET: restored shard 7 from backup',
      public_message: 'Payments work again.',
    });
    expect(await untilPaymentsIs(h, 'operational', resolved)).toBeLessThan(1_000);
    expect((await payments(h)).indicator).toBe('none');
    expect(await get(h, '/feed.atom')).toContain('Card payments failing: Resolved');
    const incidents = JSON.parse(await get(h, '/api/v2/incidents.json'));
    expect(incidents.incidents[0].incident_updates.map((u: { body: string }) => u.body)).toEqual([
      'Payments work again.',
      'Some card payments fail. We found the cause.',
    ]);
    for (const path of [
      '/',
      '/history',
      `/incidents/${incidents.incidents[0].id}`,
      '/feed.atom',
      '/api/v2/summary.json',
    ])
      expect(await get(h, path)).not.toContain('SECRET');
  });

  it('/incident statuspage opens the publish form prefilled from the template and the severity', async () => {
    const incident = await declare({ title: 'Slow checkout', severity: 'SEV2' });
    await h.commander.incidents.postUpdate({
      incidentId: incident.incidentId,
      key: 'to-identified',
      status: 'identified',
      summary: 'Found it',
      impact: '',
      nextSteps: '',
      authorId: PEOPLE.bob,
    });
    await h.user(PEOPLE.bob).command('statuspage', incident.channelId);
    const form = openedView(h, 'statuspage_publish');
    const json = JSON.stringify(form.view.blocks);
    expect(json).toContain('We found the cause and are fixing it.');
    expect(json).toContain('"text":"Partial outage"');
    await h.user(PEOPLE.bob).submit(form, { public_name: 'Slow checkout', public_message: 'Checkout is slow.' });
    await untilPaymentsIs(h, 'partial_outage', Date.now());
    expect((await payments(h)).indicator).toBe('major');
  });

  it('refuses a private incident, a drill and someone who is not commander, comms or admin, even from a crafted submission', async () => {
    const open = await declare({ title: 'Payments down' });
    await h.user(PEOPLE.bob).command('update', open.channelId);
    const form = openedView(h, 'post_update');
    const { incident: secret } = await h.commander.incidents.declare({
      key: 'private-breach',
      title: 'Breach',
      severity: 'SEV1',
      impact: 'Data exposed',
      commanderId: PEOPLE.bob,
      declaredBy: PEOPLE.bob,
      isPrivate: true,
    });
    await h.store.incidentServices.add(secret.id, 'payments', h.clock.now(), PEOPLE.bob);
    const drill = await declare({ title: 'Failover practice', type: 'drill' });

    // Carol may post updates but not publish: her form has no status page part, and forging one is refused.
    await h.user(PEOPLE.carol).command('update', open.channelId);
    expect(blockIds(openedView(h, 'post_update'))).not.toContain('statuspage_publish');
    const crafted = (incidentId: number): View => ({
      ...form,
      view: { ...form.view, private_metadata: JSON.stringify({ incidentId, channelId: null }) },
    });
    const input = {
      status: 'identified',
      summary: 'x',
      statuspage_publish: 'publish',
      public_name: 'Leak',
      public_message: 'Leak',
    };
    const refused = async (by: string, incidentId: number) =>
      (await h.user(by).submit(crafted(incidentId), input)).json?.errors?.statuspage_publish;
    expect(await refused(PEOPLE.carol, open.incidentId)).toMatch(/Only the commander, the comms role and admins/);
    expect(await refused(PEOPLE.bob, drill.incidentId)).toMatch(/drill/);
    expect(await refused(PEOPLE.bob, secret.id)).toMatch(/private: it is never published/);
    await h.user(PEOPLE.carol).command('statuspage', open.channelId);
    await h.commander.idle();
    // Told at once, or in the form that held the trigger while Slack was asked (incident-form.ts).
    const told = [
      h.fake.responses().at(-1)?.body.text,
      ...h.fake.calls('views.update').map((c) => JSON.stringify(c.args.view)),
    ].join(' ');
    expect(told).toMatch(/Only the commander, the comms role and admins/);
    expect(h.fake.views().filter((v) => v.view.callback_id === 'statuspage_publish')).toEqual([]);
    expect(JSON.parse(await get(h, '/api/v2/incidents.json')).incidents).toEqual([]);
    expect((await payments(h)).status).toBe('operational');
  });
});
