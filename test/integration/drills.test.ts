import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { ANNOUNCE_CHANNEL, type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents } from '../support/stored';
import { declareIncident, messageContaining } from './flows';

// The harness clock starts on Tuesday 2026-11-24 09:00 UTC: the platform rotation's fourth weekly
// shift, Alice primary and Bob secondary (as in oncall.test.ts).
const SEC = 1_000;
const MANAGER = 'UMANAGER01';
const POLICY = {
  oncall: [{ name: 'platform', users: [PEOPLE.alice, PEOPLE.bob, PEOPLE.carol], start: '2026-11-02' }],
  reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
  severities: [
    {
      id: 'SEV1',
      name: 'Critical',
      updateEvery: '30s',
      escalation: [{ after: '1m', unless: 'resolved', notify: { oncall: 'platform.secondary', users: [MANAGER] } }],
    },
    ...DEFAULT_POLICY_INPUT.severities.slice(1),
  ],
};

let h: Harness;
afterEach(async () => h?.stop());

const dmsTo = (userId: string) => h.fake.messages(h.fake.dmWith(userId));
const text = (message: { text?: string; blocks?: unknown } | undefined) =>
  `${message?.text ?? ''} ${JSON.stringify(message?.blocks ?? [])}`;

describe.each(APP_ENGINES)('drills and security incidents on %s', (engine) => {
  const database = appDatabase(engine);
  beforeEach(async () => {
    h = await startHarness({ policy: POLICY, metrics: true, ...(await database.options()) });
    h.fake.addUser({ id: MANAGER, name: 'manager', tz: 'UTC' });
  });

  it('a drill says DRILL in its channel name, kick-off, topic, announcement and reminder DM', async () => {
    const drill = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Database failover',
      commander: PEOPLE.carol,
      type: 'drill',
    });
    expect(drill.channelName).toBe('inc-1-drill-database-failover');
    expect((await storedIncidents(h.store))[0]?.type).toBe('drill');
    expect(text(messageContaining(h, drill.channelId, 'incident_open_update'))).toContain('[DRILL] Database failover');
    expect(text(messageContaining(h, drill.channelId, 'incident_open_update'))).toContain('*DRILL*: a practice run');
    expect(h.fake.channel(drill.channelId)?.topic).toMatch(/^\[DRILL\] SEV1/);
    const announcement = messageContaining(h, ANNOUNCE_CHANNEL, `<#${drill.channelId}>`);
    expect(announcement?.text).toContain('SEV1 DRILL declared: #1 [DRILL] Database failover');

    h.clock.advance(30 * SEC);
    await h.tick();
    const reminder = dmsTo(PEOPLE.carol).find((m) => text(m).includes('A status update is due'));
    expect(reminder?.text).toContain('[DRILL]');
    expect(text(reminder)).toContain('#1 [DRILL] Database failover');
  });

  it('a drill calls in the people its ladder names but pages no rotation, where an incident pages the secondary', async () => {
    const real = await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.carol });
    const drill = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout down (practice)',
      commander: PEOPLE.carol,
      type: 'drill',
    });
    h.clock.advance(61 * SEC);
    await h.tick();
    const calledIn = async (incidentId: number) =>
      (await storedEntries(h.store, { kind: 'escalated', incidentId })).flatMap((e) =>
        e.kind === 'escalated' ? e.data.users : [],
      );
    expect(await calledIn(real.incidentId)).toEqual([PEOPLE.bob, MANAGER]);
    expect(await calledIn(drill.incidentId)).toEqual([MANAGER]);
    expect(h.fake.channel(drill.channelId)?.members.has(PEOPLE.bob)).toBe(false);
    const escalationDm = dmsTo(MANAGER).find((m) => text(m).includes('Checkout down (practice)'));
    expect(escalationDm?.text ?? text(escalationDm)).toContain('[DRILL]');
  });

  it('a drill is not counted in App Home’s 30 days, and its metrics carry type="drill"', async () => {
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.alice });
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Game day', commander: PEOPLE.alice, type: 'drill' });
    await h.user(PEOPLE.alice).openAppHome();
    expect(JSON.stringify(h.fake.homeViews(PEOPLE.alice))).toContain('*Last 30 days:* 1 declared, 0 resolved');

    const metrics = await (await fetch(h.metricsUrl)).text();
    expect(metrics).toContain('commander_incidents_declared_total{severity="SEV1",type="incident"} 1');
    expect(metrics).toContain('commander_incidents_declared_total{severity="SEV1",type="drill"} 1');
    expect(metrics).toContain('commander_incidents_open{severity="SEV1",type="drill"} 1');
  });

  it('a security incident is private without ticking the box: a private channel and no public announcement', async () => {
    const incident = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Leaked API key',
      commander: PEOPLE.alice,
      type: 'security',
    });
    const stored = (await storedIncidents(h.store))[0];
    expect(stored).toMatchObject({ type: 'security', isPrivate: true });
    expect(h.fake.channel(incident.channelId)?.is_private).toBe(true);
    expect(messageContaining(h, ANNOUNCE_CHANNEL, `<#${incident.channelId}>`)).toBeUndefined();
  });
});
