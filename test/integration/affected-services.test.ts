import { parsePolicy } from '../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { createPostmortemRenderer } from '../../src/postmortem/postmortem.service';
import { slackText } from '../../src/slack/text/slack-text';
import { fixture, sendWithToken } from '../support/alert-sender';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedEntries, storedIncidents, storedLine } from '../support/stored';
import { WebhookReceiver } from '../support/webhook-receiver';
import { messageContaining, openedView } from './flows';

const DAVE = 'UDAVE00004';
const ERIN = 'UERIN00005';
const FRANK = 'UFRANK0006';
const PAYMENTS_CHANNEL = 'C0PAYMENTS';
const PAYMENTS_GROUP = 'S0PAYMENTS';
const SECRET = 'status-page-secret-0123456789';
const AM_TOKEN = 'am-token-0123456789abcdef';

const PAYMENTS = {
  id: 'payments',
  name: 'Payments API',
  description: 'Card payments and refunds',
  owners: PAYMENTS_GROUP,
  oncall: 'payments-primary',
  channel: PAYMENTS_CHANNEL,
  runbook: 'https://wiki.example.com/runbooks/payments',
  dashboard: 'https://grafana.example.com/d/payments',
  tier: 1,
};

describe.each(APP_ENGINES)('affected services on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let receiver: WebhookReceiver;
  afterEach(async () => {
    await h?.stop();
    await receiver?.stop();
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start(SECRET);
    h = await startHarness({
      policy: {
        oncall: [
          { name: 'platform', users: [PEOPLE.bob] },
          { name: 'payments-primary', users: [FRANK] },
        ],
        services: [PAYMENTS, { id: 'search', name: 'Search' }],
        webhooks: [{ url: receiver.url, secret: SECRET }],
        alerts: {
          sources: [{ name: 'prod-alertmanager', token: AM_TOKEN }],
          routes: [{ match: { severity: 'critical' }, action: 'declare', severity: 'SEV1', service: '{{service}}' }],
        },
      },
      ...(await database.options()),
    });
    receiver.useClock(h.clock);
    for (const [id, name] of [
      [DAVE, 'dave'],
      [ERIN, 'erin'],
      [FRANK, 'frank'],
    ] as const)
      h.fake.addUser({ id, name, real_name: name, tz: 'Europe/London' });
    h.fake.addUsergroup(PAYMENTS_GROUP, [DAVE, ERIN, PEOPLE.alice]);
    h.fake.addChannel({ id: PAYMENTS_CHANNEL, name: 'team-payments' });
  });

  /** Alice declares a SEV1 from #general with bob leading, naming the given services. */
  async function declareWith(services: string) {
    await h.user(PEOPLE.alice).command('declare Card payments failing');
    const response = await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
      severity: 'SEV1',
      impact: 'Checkouts fail',
      commander: PEOPLE.bob,
      services,
    });
    expect(response.json?.response_action).toBe('update');
    await h.commander.idle();
    const [incident] = await storedIncidents(h.store);
    return incident!;
  }

  const invitedTo = (channelId: string) =>
    h.fake
      .okCalls('conversations.invite')
      .filter((c) => c.args.channel === channelId)
      .flatMap((c) => String(c.args.users).split(','));

  async function exported(incidentId: number) {
    const renderer = createPostmortemRenderer({
      store: h.store,
      policy: parsePolicy({ ...DEFAULT_POLICY_INPUT, services: [{ ...PAYMENTS, oncall: null }] }),
      clock: h.clock,
      chat: slackText,
    });
    let text = '';
    for await (const piece of await renderer.render(incidentId, 'json')) text += piece;
    const json: { incident: { services: unknown } } = JSON.parse(text);
    return json;
  }

  it('a SEV1 with Payments API affected brings in its owners and on-call, tells its team once, bookmarks its links, and says so everywhere; adding it again changes nothing', async () => {
    const incident = await declareWith('payments');
    const channelId = incident.channelId!;

    // The group's members and the rotation's primary, each invited once; alice declared, so is not asked again.
    const invited = invitedTo(channelId);
    expect(invited).toEqual(expect.arrayContaining([DAVE, ERIN, FRANK]));
    expect(invited.filter((id) => id === PEOPLE.alice)).toHaveLength(1);
    expect(new Set(invited).size).toBe(invited.length);
    expect([...h.fake.channel(channelId)!.members]).toEqual(expect.arrayContaining([DAVE, ERIN, FRANK]));

    const teamPosts = h.fake.messages(PAYMENTS_CHANNEL);
    expect(teamPosts).toHaveLength(1);
    expect(JSON.stringify(teamPosts[0]!.blocks)).toContain(`<#${channelId}>`);

    expect(h.fake.bookmarks(channelId).map((b) => [b.title, b.link])).toEqual(
      expect.arrayContaining([
        ['Payments API runbook', PAYMENTS.runbook],
        ['Payments API dashboard', PAYMENTS.dashboard],
      ]),
    );
    expect(h.fake.bookmarks(channelId)).toHaveLength(2);

    const kickoff = messageContaining(h, channelId, 'incident_open_update');
    expect(JSON.stringify(kickoff!.blocks)).toContain('Payments API');
    expect(JSON.stringify(kickoff!.blocks)).toContain(PAYMENTS.runbook);

    expect((await exported(incident.id)).incident.services).toEqual([{ id: 'payments', name: 'Payments API' }]);
    const declared = receiver.accepted().find((r) => r.event.type === 'incident.declared');
    expect((declared?.event.incident as { services?: unknown } | undefined)?.services).toEqual([
      { id: 'payments', name: 'Payments API' },
    ]);

    const added = await storedEntries(h.store, { incidentId: incident.id, kind: 'service_added' });
    expect(added.map(storedLine)).toEqual(['Affected service added: Payments API']);

    // Added again, by command: nothing more is posted, bookmarked, invited or recorded.
    const invitesBefore = h.fake.okCalls('conversations.invite').length;
    const reply = await h.user(PEOPLE.bob).command('services add payments', channelId);
    await h.commander.idle();
    expect(JSON.stringify(h.fake.responses(reply.responseUrl))).toContain('Nothing changed');
    expect(h.fake.messages(PAYMENTS_CHANNEL)).toHaveLength(1);
    expect(h.fake.bookmarks(channelId)).toHaveLength(2);
    expect(h.fake.okCalls('conversations.invite')).toHaveLength(invitesBefore);
    expect(await storedEntries(h.store, { incidentId: incident.id, kind: 'service_added' })).toHaveLength(1);
  });

  it('/incident services shows, adds and removes them, each change on the timeline and in the pinned summary', async () => {
    const incident = await declareWith('');
    const channelId = incident.channelId!;
    expect(h.fake.messages(PAYMENTS_CHANNEL)).toHaveLength(0);

    const bob = h.user(PEOPLE.bob);
    const shown = await bob.command('services', channelId);
    await h.commander.idle();
    expect(JSON.stringify(h.fake.responses(shown.responseUrl))).toContain('has no affected services yet');

    await bob.command('services add payments', channelId);
    await h.commander.idle();
    expect(h.fake.messages(PAYMENTS_CHANNEL)).toHaveLength(1);
    expect(invitedTo(channelId)).toEqual(expect.arrayContaining([DAVE, ERIN, FRANK]));
    expect(JSON.stringify(messageContaining(h, channelId, 'incident_open_update')!.blocks)).toContain('Payments API');

    await bob.command('services remove payments', channelId);
    await h.commander.idle();
    expect(JSON.stringify(messageContaining(h, channelId, 'incident_open_update')!.blocks)).not.toContain(
      'Payments API',
    );
    const lines = (await storedEntries(h.store, { incidentId: incident.id }))
      .filter((e) => e.kind.startsWith('service_'))
      .map(storedLine);
    expect(lines).toEqual(['Affected service added: Payments API', 'Affected service removed: Payments API']);
  });

  it('only people who may change the incident change its services; others may still see them', async () => {
    const incident = await declareWith('payments');
    const channelId = incident.channelId!;
    const carol = h.user(PEOPLE.carol);

    const refused = await carol.command('services add search', channelId);
    await h.commander.idle();
    expect(JSON.stringify(h.fake.responses(refused.responseUrl))).toContain('Only members of <#');
    expect(await h.store.incidentServices.of(incident.id)).toEqual(['payments']);

    const shown = await carol.command('services', channelId);
    await h.commander.idle();
    expect(JSON.stringify(h.fake.responses(shown.responseUrl))).toContain('Payments API');
  });

  it('/incident list names the affected services, and service:payments lists only those affecting it', async () => {
    await declareWith('payments');
    await h.user(PEOPLE.alice).command('declare Search is slow');
    await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), { severity: 'SEV3', services: 'search' });
    await h.commander.idle();

    const everything = await h.user(PEOPLE.alice).command('list');
    expect(JSON.stringify(everything.json)).toContain('Affects Payments API');
    expect(JSON.stringify(everything.json)).toContain('Affects Search');

    const filtered = JSON.stringify((await h.user(PEOPLE.alice).command('list service:payments')).json);
    expect(filtered).toContain('Card payments failing');
    expect(filtered).not.toContain('Search is slow');

    const unknown = JSON.stringify((await h.user(PEOPLE.alice).command('list service:nope')).json);
    expect(unknown).toContain('There is no service');
  });

  it('/incident declare in a team channel pre-selects its services', async () => {
    await h.user(PEOPLE.alice).command('declare', PAYMENTS_CHANNEL);
    const blocks = JSON.stringify(openedView(h, 'declare_incident').view.blocks);
    expect(blocks).toContain('"initial_options":[{"text":{"type":"plain_text","text":"Payments API"');
    await h.user(PEOPLE.alice).command('declare', 'CGENERAL');
    expect(JSON.stringify(openedView(h, 'declare_incident').view.blocks)).not.toContain('initial_options');
  });

  function alertFor(service: string) {
    const payload = fixture('alertmanager-firing.json') as { alerts: Array<{ labels: Record<string, string> }> };
    const labels = { ...payload.alerts[0]!.labels, service };
    return {
      ...payload,
      groupKey: `{}:{service="${service}"}`,
      commonLabels: { ...(payload as unknown as { commonLabels: object }).commonLabels, service },
      alerts: [{ ...payload.alerts[0], labels }],
    };
  }

  it('an alert routed by service: "{{service}}" declares with that service affected, led by its on-call', async () => {
    expect((await sendWithToken(h, 'alertmanager', alertFor('payments'), AM_TOKEN)).status).toBe(202);
    await h.commander.idle();
    const [incident] = await storedIncidents(h.store);
    expect(await h.store.incidentServices.of(incident!.id)).toEqual(['payments']);
    expect(incident!.commanderId).toBe(FRANK);
    expect(h.fake.messages(PAYMENTS_CHANNEL)).toHaveLength(1);
  });

  it('an alert naming a service the catalog lacks is still declared, with the name on the timeline', async () => {
    expect((await sendWithToken(h, 'alertmanager', alertFor('unknown-thing'), AM_TOKEN)).status).toBe(202);
    await h.commander.idle();
    const [incident] = await storedIncidents(h.store);
    expect(incident).toBeDefined();
    expect(await h.store.incidentServices.of(incident!.id)).toEqual([]);
    const notes = await storedEntries(h.store, { incidentId: incident!.id, kind: 'service_unknown' });
    expect(notes.map(storedLine)).toEqual([
      'prod-alertmanager named service "unknown-thing", which is not in the catalog',
    ]);
    expect(incident!.commanderId).toBe(PEOPLE.bob);
  });
});
