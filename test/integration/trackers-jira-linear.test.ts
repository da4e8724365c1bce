import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { FakeJira } from '../support/fake-outside/fake-jira';
import { FakeLinear } from '../support/fake-outside/fake-linear';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

const JIRA_TOKEN = 'ATATT3xJiraTestToken0123456789';
const LINEAR_TOKEN = 'lin_api_linearTestToken0123456789';
const MIN = 60_000;

describe.each(APP_ENGINES)('follow-ups as Jira and Linear issues, on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let jira: FakeJira;
  let linear: FakeLinear;
  let logLines: string[];

  beforeEach(async () => {
    jira = await FakeJira.start({ project: 'OPS', email: 'bot@example.com', token: JIRA_TOKEN });
    linear = await FakeLinear.start({ teamId: 'team-uuid-1', token: LINEAR_TOKEN });
  });
  afterEach(async () => {
    await h?.stop();
    await jira.stop();
    await linear.stop();
  });

  async function start(tracker: 'jira' | 'linear') {
    logLines = [];
    h = await startHarness({
      policy: {
        trackers: {
          default: tracker,
          createOn: 'add',
          jira: { url: jira.url, project: 'OPS', issueType: 'Task', email: 'bot@example.com', token: JIRA_TOKEN },
          linear: { teamId: 'team-uuid-1', token: LINEAR_TOKEN, apiUrl: linear.url },
        },
      },
      logLines,
      ...(await database.options()),
    });
    return declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout down', commander: PEOPLE.bob });
  }

  const later = async (ms: number) => {
    h.clock.advance(ms);
    await h.tick();
  };

  it('Jira: one issue with its due date even when the first answer is lost, listed, done once moved to Done', async () => {
    const { channelId, incidentId } = await start('jira');
    jira.http.plan('lose', (req) => req.url.pathname === '/rest/api/3/issue');
    await h.user(PEOPLE.bob).command('followup Add a canary stage by 2026-12-01', channelId);
    await later(MIN);
    expect(jira.issues).toHaveLength(1);
    expect(jira.issues[0]).toMatchObject({ key: 'OPS-1', summary: 'Add a canary stage', duedate: '2026-12-01' });
    const list = JSON.stringify((await h.user(PEOPLE.bob).command('followups', channelId)).json.blocks);
    expect(list).toContain(`<${jira.url}/browse/OPS-1|OPS-1>`);

    jira.close('OPS-1');
    await later(10 * MIN);
    expect((await h.store.followups.list(incidentId))[0]?.doneAt).not.toBeNull();
    expect(jira.issues).toHaveLength(1);
    expect(logLines.filter((l) => l.includes(JIRA_TOKEN))).toEqual([]);
  });

  it('Linear: one issue with its due date even when the first answer is lost, listed, done once completed', async () => {
    const { channelId, incidentId } = await start('linear');
    linear.http.plan('lose', (req) => String(req.body).includes('issueCreate'));
    await h.user(PEOPLE.bob).command('followup Add a canary stage by 2026-12-01', channelId);
    await later(MIN);
    expect(linear.issues).toHaveLength(1);
    expect(linear.issues[0]).toMatchObject({ identifier: 'ENG-1', title: 'Add a canary stage', dueDate: '2026-12-01' });
    const list = JSON.stringify((await h.user(PEOPLE.bob).command('followups', channelId)).json.blocks);
    expect(list).toContain('<https://linear.example/acme/issue/ENG-1|ENG-1>');

    linear.close('ENG-1');
    await later(10 * MIN);
    expect((await h.store.followups.list(incidentId))[0]?.doneAt).not.toBeNull();
    expect(linear.issues).toHaveLength(1);
    expect(logLines.filter((l) => l.includes(LINEAR_TOKEN))).toEqual([]);
  });

  it('Jira: a 401 is told once in the channel with Jira’s reason', async () => {
    await jira.stop();
    jira = await FakeJira.start({ project: 'OPS', email: 'bot@example.com', token: 'another-token' });
    const { channelId } = await start('jira');
    await h.user(PEOPLE.bob).command('followup Add a canary stage', channelId);
    await later(MIN);
    await later(MIN);
    const told = h.fake.messages(channelId).filter((m) => m.text?.includes('refused the issue'));
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('Jira refused');
    expect(told[0]?.text).toContain('HTTP 401: Client must be authenticated');
    expect(told[0]?.text).not.toContain(JIRA_TOKEN);
  });

  describe('the owner, matched by e-mail', () => {
    const owned = async (channelId: string) => {
      h.fake.addUser({ id: PEOPLE.carol, email: 'Carol@Acme.example' });
      await h.user(PEOPLE.bob).command(`followup Add a canary stage <@${PEOPLE.carol}|carol>`, channelId);
      await h.user(PEOPLE.bob).command(`followup Rotate the keys <@${PEOPLE.alice}|alice>`, channelId);
      await later(MIN);
    };

    it('Jira: assigned to the account with the owner’s Slack e-mail; someone Jira does not know, unassigned and named', async () => {
      jira.users.push(
        {
          accountId: '5b10ac8d82e05b22cc7d4ef5',
          displayName: 'Carol C',
          emailAddress: 'carol@acme.example',
          hidden: true,
        },
        { accountId: '5b10a2844c20165700ede21g', displayName: 'Carla', emailAddress: 'carla@acme.example' },
      );
      // Alice's e-mail is in Slack, but nobody in Jira has it.
      const { channelId } = await start('jira');
      h.fake.addUser({ id: PEOPLE.alice, email: 'alice@acme.example' });
      await owned(channelId);
      expect(jira.issues.map((i) => [i.summary, i.assignee])).toEqual([
        ['Add a canary stage', '5b10ac8d82e05b22cc7d4ef5'],
        ['Rotate the keys', undefined],
      ]);
      expect(JSON.stringify(jira.issues[1]?.description)).toContain('Owner: alice');
      const searched = jira.http.requests.filter((r) => r.url.pathname === '/rest/api/3/user/search');
      expect(searched.map((r) => r.url.searchParams.get('query'))).toEqual([
        'Carol@Acme.example',
        'alice@acme.example',
      ]);
    });

    it('Jira: an owner who may not take issues in the project gets an unassigned issue, not a refusal', async () => {
      jira.users.push({
        accountId: '5b10ac8d82e05b22cc7d4ef5',
        displayName: 'Carol',
        emailAddress: 'carol@acme.example',
        assignable: false,
      });
      const { channelId } = await start('jira');
      h.fake.addUser({ id: PEOPLE.carol, email: 'carol@acme.example' });
      await h.user(PEOPLE.bob).command(`followup Add a canary stage <@${PEOPLE.carol}|carol>`, channelId);
      await later(MIN);
      expect(jira.issues.map((i) => [i.summary, i.assignee])).toEqual([['Add a canary stage', undefined]]);
      expect(h.fake.messages(channelId).filter((m) => m.text?.includes('refused the issue'))).toEqual([]);
    });

    it('Linear: assigned to the member with the owner’s Slack e-mail; someone Linear does not know, unassigned and named', async () => {
      linear.users.push({ id: 'user-uuid-carol', name: 'Carol', email: 'carol@acme.example' });
      const { channelId } = await start('linear');
      h.fake.addUser({ id: PEOPLE.alice, email: 'alice@acme.example' });
      await owned(channelId);
      expect(linear.issues.map((i) => [i.title, i.assigneeId])).toEqual([
        ['Add a canary stage', 'user-uuid-carol'],
        ['Rotate the keys', undefined],
      ]);
      expect(linear.issues[1]?.description).toContain('Owner: alice');
    });

    it('without the users:read.email scope Slack gives no e-mail: the issue is made unassigned, the owner named', async () => {
      linear.users.push({ id: 'user-uuid-carol', name: 'Carol', email: 'carol@acme.example' });
      const { channelId } = await start('linear');
      h.fake.setScopes(h.fake.scopes().filter((s) => s !== 'users:read.email'));
      h.fake.addUser({ id: PEOPLE.carol, email: 'carol@acme.example' });
      await h.user(PEOPLE.bob).command(`followup Add a canary stage <@${PEOPLE.carol}|carol>`, channelId);
      await later(MIN);
      expect(linear.issues.map((i) => [i.title, i.assigneeId])).toEqual([['Add a canary stage', undefined]]);
      expect(linear.issues[0]?.description).toContain('Owner: carol');
    });
  });
});
