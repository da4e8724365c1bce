import { APP_ENGINES, appDatabase, forceRows } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedKinds } from '../support/stored';
import { openedView } from './flows';

/** The comms clock (docs/status-page.md): a public incident that has published nothing in time reminds the comms role once. */

const MIN = 60_000;
const POLICY = {
  services: [
    { id: 'payments', name: 'Payments service', public: { name: 'Payments', group: 'Checkout' } },
    { id: 'ledger-db', name: 'Ledger database' },
  ],
  statusPage: { title: 'Acme Status' },
};

describe.each(APP_ENGINES)('the comms clock (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let declaredAt = 0;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()), statusPage: true, policy: POLICY });
  });
  afterEach(async () => h.stop());

  const reminders = (userId: string) =>
    h.fake
      .messages(h.fake.dmWith(userId))
      .filter((m) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`.includes('statuspage_open_publish'));

  /** Moves the clock to `minutes` after the declaration and runs the jobs. */
  async function at(minutes: number) {
    h.clock.set(declaredAt + minutes * MIN);
    await h.tick();
  }

  /** Bob commands, Carol holds the comms role. */
  async function declare(o: { severity?: string; services?: string[]; isPrivate?: boolean; key?: string } = {}) {
    declaredAt = h.clock.now();
    const { incident } = await h.commander.incidents.declare({
      key: o.key ?? 'payments-down',
      title: 'Payments down',
      severity: o.severity ?? 'SEV1',
      impact: 'Card payments fail',
      commanderId: PEOPLE.bob,
      declaredBy: PEOPLE.bob,
      services: o.services ?? ['payments'],
      ...(o.isPrivate ? { isPrivate: true } : {}),
    });
    await h.commander.incidents.assignRole({
      incidentId: incident.id,
      role: 'comms',
      userId: PEOPLE.carol,
      actorId: PEOPLE.bob,
    });
    await h.commander.idle();
    return incident;
  }

  it('a SEV1 on a public service with nothing published for 30 minutes DMs the comms role once, with a Publish button that opens the publish form', async () => {
    const incident = await declare();
    await at(29);
    expect(reminders(PEOPLE.carol)).toHaveLength(0);
    await at(30);
    expect(reminders(PEOPLE.carol)).toHaveLength(1);
    expect(reminders(PEOPLE.bob)).toHaveLength(0);
    await at(31);
    await at(90);
    expect(reminders(PEOPLE.carol)).toHaveLength(1);
    expect((await storedKinds(h.store, incident.id)).filter((k) => k === 'publish_reminder')).toHaveLength(1);

    await h.user(PEOPLE.carol).click(reminders(PEOPLE.carol)[0]!, 'statuspage_open_publish');
    const form = openedView(h, 'statuspage_publish');
    expect(JSON.stringify(form.view.blocks)).toContain('"text":"Major outage"');
  });

  it('reminds the commander when nobody holds the comms role', async () => {
    declaredAt = h.clock.now();
    await h.commander.incidents.declare({
      key: 'no-comms',
      title: 'Payments down',
      severity: 'SEV2',
      impact: 'Card payments fail',
      commanderId: PEOPLE.bob,
      declaredBy: PEOPLE.alice,
      services: ['payments'],
    });
    await at(30);
    expect(reminders(PEOPLE.bob)).toHaveLength(1);
  });

  it('says nothing when something was published before the deadline', async () => {
    const incident = await declare();
    await at(10);
    await h.commander.statusPage.publish({
      incidentId: incident.id,
      by: PEOPLE.carol,
      status: 'investigating',
      name: 'Card payments failing',
      body: 'Some card payments fail.',
    });
    await at(30);
    await at(60);
    expect(reminders(PEOPLE.carol)).toHaveLength(0);
    expect(await storedKinds(h.store, incident.id)).not.toContain('publish_reminder');
  });

  it('says nothing for a private incident, a SEV3, an incident on no public service, or one resolved in time', async () => {
    await declare({ key: 'private', isPrivate: true });
    await declare({ key: 'sev3', severity: 'SEV3' });
    await declare({ key: 'internal', services: ['ledger-db'] });
    const resolved = await declare({ key: 'resolved' });
    await h.commander.incidents.resolve({
      incidentId: resolved.id,
      key: 'resolve',
      resolution: 'Fixed',
      rootCause: 'A bad deploy',
      authorId: PEOPLE.bob,
    });
    await at(30);
    await at(120);
    expect(reminders(PEOPLE.carol)).toHaveLength(0);
  });

  it('starts when an incident later gains a public service, from that moment', async () => {
    const incident = await declare({ services: ['ledger-db'] });
    await at(20);
    await h.commander.incidents.changeServices({
      incidentId: incident.id,
      add: ['payments'],
      remove: [],
      actorId: PEOPLE.bob,
    });
    await at(49);
    expect(reminders(PEOPLE.carol)).toHaveLength(0);
    await at(50);
    expect(reminders(PEOPLE.carol)).toHaveLength(1);
  });

  describe('shared with other replicas', () => {
    /** Another replica holds this incident's comms clock until `until`. */
    const leaseTo = async (incidentId: number, owner: string, until: number) =>
      expect(await h.store.leases.claim('commsClock', incidentId, h.clock.now(), { owner, until })).not.toBeNull();

    it('a clock another replica holds is left to it; once its lease runs out it reminds here, once', async () => {
      const incident = await declare();
      h.clock.set(declaredAt + 30 * MIN);
      await leaseTo(incident.id, 'replica-b', h.clock.now() + 60_000);
      await h.tick();
      expect(reminders(PEOPLE.carol)).toHaveLength(0);
      await at(31);
      expect(reminders(PEOPLE.carol)).toHaveLength(1);
      await at(40);
      expect(reminders(PEOPLE.carol)).toHaveLength(1);
    });

    it('taken over from a replica that died after its DM went out, it finds that DM and sends none again', async () => {
      const incident = await declare();
      await at(30);
      expect(reminders(PEOPLE.carol)).toHaveLength(1);
      // As if the replica that sent it died before recording it: the clock still due, its lease left to run out.
      await forceRows(
        h,
        'UPDATE comms_clocks SET due_at = ?, reminded_at = NULL WHERE incident_id = ?',
        h.clock.now() - 1,
        incident.id,
      );
      await forceRows(h, "DELETE FROM timeline WHERE incident_id = ? AND kind = 'publish_reminder'", incident.id);
      await leaseTo(incident.id, 'replica-that-died', h.clock.now());
      await at(32);
      expect(reminders(PEOPLE.carol)).toHaveLength(1);
      expect((await storedKinds(h.store, incident.id)).filter((k) => k === 'publish_reminder')).toHaveLength(1);
      expect((await h.store.commsClocks.of(incident.id))?.remindedAt).not.toBeNull();
    });
  });
});
