import { APP_ENGINES, appDatabase, tableRows } from '../support/app-engines';
import { FakeGitHub } from '../support/fake-outside/fake-github';
import { FakeJira } from '../support/fake-outside/fake-jira';
import { FakeLinear } from '../support/fake-outside/fake-linear';
import { FakePagerDuty } from '../support/fake-outside/fake-pagerduty';
import type { FakeRequest, HttpFake } from '../support/fake-outside/http-fake';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { WebhookReceiver } from '../support/webhook-receiver';
import { LADDERS } from './escalation-stage';
import { declareIncident, openedView } from './flows';

const GH_TOKEN = 'ghp_secretsTestToken0123456789abcdef';
const JIRA_TOKEN = 'ATATT3xSecretsTestToken0123456789';
const LINEAR_TOKEN = 'lin_api_secretsTestToken0123456789';
const ROUTING_KEY = 'S3CRETR0UT1NGKEY0123456789abcdef';
const HOOK_SECRET = 'webhook-secret-0123456789abcdef';
const MIN = 60_000;

/** Every secret, and Jira's Basic credentials (the token in base64) as they travel. */
const SECRETS = [
  GH_TOKEN,
  JIRA_TOKEN,
  LINEAR_TOKEN,
  ROUTING_KEY,
  Buffer.from(`bot@example.com:${JIRA_TOKEN}`).toString('base64'),
];

type Kind = 'github' | 'jira' | 'linear';

/**
 * "No token appears in a log line, an error message or the webhook events" (issue 31): each
 * tracker and PagerDuty answer a first time by quoting the credentials and request back (a
 * careless proxy would), and the whole run is then searched for the secrets: log lines, every
 * Slack call's arguments (channel messages, DMs, replies), the webhook events sent, and the rows
 * stored (timeline, outboxes).
 */
describe.each(APP_ENGINES)('no token leaks from trackers or paging, on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let gh: FakeGitHub;
  let jira: FakeJira;
  let linear: FakeLinear;
  let pd: FakePagerDuty;
  let receiver: WebhookReceiver;
  let logLines: string[];

  beforeEach(async () => {
    gh = await FakeGitHub.start('acme/platform', GH_TOKEN);
    jira = await FakeJira.start({ project: 'OPS', email: 'bot@example.com', token: JIRA_TOKEN });
    linear = await FakeLinear.start({ teamId: 'team-uuid-1', token: LINEAR_TOKEN });
    pd = await FakePagerDuty.start();
    receiver = await WebhookReceiver.start(HOOK_SECRET);
  });
  afterEach(async () => {
    await h?.stop();
    await Promise.all([gh.stop(), jira.stop(), linear.stop(), pd.stop(), receiver.stop()]);
  });

  async function start(tracker: Kind) {
    logLines = [];
    const [sev1, ...rest] = LADDERS.severities;
    h = await startHarness({
      policy: {
        ...LADDERS,
        severities: [
          {
            ...sev1,
            escalation: [
              {
                name: 'pager',
                after: '20m',
                unless: 'resolved',
                notify: { pagerduty: { routingKey: ROUTING_KEY, apiUrl: pd.url } },
              },
            ],
          },
          ...rest,
        ],
        trackers: {
          default: tracker,
          createOn: 'add',
          github: { repo: 'acme/platform', token: GH_TOKEN, apiUrl: gh.url },
          jira: { url: jira.url, project: 'OPS', email: 'bot@example.com', token: JIRA_TOKEN },
          linear: { teamId: 'team-uuid-1', token: LINEAR_TOKEN, apiUrl: linear.url },
        },
        webhooks: [{ url: receiver.url, secret: HOOK_SECRET }],
      },
      logLines,
      ...(await database.options()),
    });
    receiver.useClock(h.clock);
    h.fake.addUser({ id: PEOPLE.carol, email: 'carol@acme.example' });
    jira.users.push({
      accountId: '5b10ac8d82e05b22cc7d4ef5',
      displayName: 'Carol',
      emailAddress: 'carol@acme.example',
    });
    linear.users.push({ id: 'user-uuid-carol', name: 'Carol', email: 'carol@acme.example' });
  }

  const later = async (ms: number) => {
    h.clock.advance(ms);
    await h.tick();
  };

  /** Each tracker's fake, and which of its requests makes an issue. */
  const fakes = (): Record<
    Kind,
    { http: HttpFake; creates: (req: FakeRequest) => boolean; count: () => number; closeFirst: () => void }
  > => ({
    github: {
      http: gh.http,
      creates: (req) => req.method === 'POST' && req.url.pathname.endsWith('/issues'),
      count: () => gh.issues.length,
      closeFirst: () => gh.close(1),
    },
    jira: {
      http: jira.http,
      creates: (req) => req.method === 'POST' && req.url.pathname === '/rest/api/3/issue',
      count: () => jira.issues.length,
      closeFirst: () => jira.close('OPS-1'),
    },
    linear: {
      http: linear.http,
      creates: (req) => req.body.includes('issueCreate'),
      count: () => linear.issues.length,
      closeFirst: () => linear.close('ENG-1'),
    },
  });

  it.each<Kind>(['github', 'jira', 'linear'])(
    '%s and PagerDuty quoting the credentials back: refused once in the channel, and no secret anywhere',
    async (kind) => {
      await start(kind);
      const tracker = fakes()[kind];
      const { channelId, incidentId } = await declareIncident(h, h.user(PEOPLE.alice), {
        title: 'Checkout down',
        commander: PEOPLE.bob,
      });
      tracker.http.plan('echo', tracker.creates);
      pd.http.plan('echo');
      await h.user(PEOPLE.bob).command(`followup Rotate the keys <@${PEOPLE.carol}|carol>`, channelId);
      await h.user(PEOPLE.bob).command(`followup Add a canary stage <@${PEOPLE.carol}|carol>`, channelId);
      await later(MIN);
      // The refusal was heard, with the tracker's words, as they came back with the secret taken out.
      const told = h.fake.messages(channelId).filter((m) => m.text?.includes('refused the issue'));
      expect(told).toHaveLength(1);
      expect(told[0]?.text).toContain('[redacted]');
      expect(tracker.count()).toBe(1);

      tracker.closeFirst();
      h.clock.set(h.clock.now() + 20 * MIN);
      await h.tick();
      await later(MIN);
      expect(pd.http.requests).toHaveLength(2);
      expect(pd.events.map((e) => e.event_action)).toEqual(['trigger']);
      await h.user(PEOPLE.bob).command('resolve', channelId);
      await h.user(PEOPLE.bob).submit(openedView(h, 'resolve_incident'), { resolution: 'Rolled back' });
      await later(MIN);
      expect(pd.events.map((e) => e.event_action)).toEqual(['trigger', 'resolve']);

      // What went out and what was kept, searched for every secret.
      const sent = receiver.requests.map((r) => r.body);
      expect(receiver.requests.map((r) => r.event.type)).toEqual(
        expect.arrayContaining(['incident.declared', 'followup.added', 'followup.done', 'incident.resolved']),
      );
      const stored = [
        ...(await tableRows(h, 'SELECT * FROM timeline')),
        ...(await tableRows(h, 'SELECT * FROM tracker_issues')),
        ...(await tableRows(h, 'SELECT * FROM pager_events')),
        ...(await tableRows(h, 'SELECT * FROM webhook_outbox')),
      ];
      expect(stored.length).toBeGreaterThan(5);
      const places = {
        logLines,
        slackCalls: h.fake.calls().map((c) => JSON.stringify(c.args)),
        responses: h.fake.responses().map((r) => JSON.stringify(r.body)),
        webhookEvents: sent,
        stored: stored.map((row) => JSON.stringify(row)),
      };
      for (const [place, texts] of Object.entries(places))
        expect({ place, leaked: texts.filter((t) => SECRETS.some((secret) => t.includes(secret))) }).toEqual({
          place,
          leaked: [],
        });
      // The refusal is on the timeline too (so the search above read it), without the secret.
      expect(JSON.stringify(await h.store.timeline.listKind(incidentId, 'followup_issue_refused'))).toContain(
        '[redacted]',
      );
    },
  );
});
