import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { FakeGitHub } from '../support/fake-outside/fake-github';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { storedKinds } from '../support/stored';
import { declareIncident, messageContaining } from './flows';

const GH_TOKEN = 'ghp_trackerTestToken0123456789abcdef';
const MIN = 60_000;

describe.each(APP_ENGINES)('follow-ups as GitHub issues, on %s', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  let gh: FakeGitHub;
  let logLines: string[];

  afterEach(async () => {
    await h?.stop();
    await gh?.stop();
  });

  async function start(trackers: Record<string, unknown> = {}, token = GH_TOKEN) {
    logLines = [];
    gh = await FakeGitHub.start('acme/platform', GH_TOKEN);
    h = await startHarness({
      policy: {
        trackers: {
          default: 'github',
          createOn: 'add',
          github: { repo: 'acme/platform', token, labels: ['incident-followup'], apiUrl: gh.url },
          ...trackers,
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

  it('a follow-up becomes one issue even when the first answer is lost; its link is listed and in the postmortem; closed there, done here within one sync', async () => {
    const { channelId, incidentId } = await start();
    gh.http.plan('lose', (req) => req.method === 'POST');
    await h.user(PEOPLE.bob).command(`followup Add a canary stage <@${PEOPLE.carol}|carol> by 2026-12-01`, channelId);
    // GitHub made it, but Commander never heard so.
    expect(gh.issues).toHaveLength(1);
    expect((await h.store.followups.list(incidentId))[0]?.issue).toBeNull();

    await later(MIN);
    expect(gh.issues).toHaveLength(1);
    const [issue] = gh.issues;
    expect(issue).toMatchObject({ title: 'Add a canary stage', labels: ['incident-followup'], state: 'open' });
    expect(issue?.body).toContain(`Follow-up from incident #${incidentId}: Checkout down (SEV1)`);
    expect(issue?.body).toContain('Owner: carol');
    expect(issue?.body).toContain('Due: 2026-12-01');
    expect(issue?.body).toContain(`https://slack.com/app_redirect?channel=${channelId}`);
    // Searched for its marker before making another.
    expect(gh.http.requests.filter((r) => r.url.pathname === '/search/issues')).toHaveLength(1);

    const list = JSON.stringify((await h.user(PEOPLE.bob).command('followups', channelId)).json.blocks);
    expect(list).toContain(`<${issue?.html_url}|#1>`);
    expect(await storedKinds(h.store, incidentId)).toContain('followup_issue');

    await h.user(PEOPLE.bob).command('postmortem', channelId);
    expect(h.fake.uploads().at(-1)?.content).toContain(`| Add a canary stage ([\\#1](${issue?.html_url}))`);

    gh.close(1);
    await later(9 * MIN);
    expect((await h.store.followups.list(incidentId))[0]?.doneAt).toBeNull();
    await later(MIN);
    const [followup] = await h.store.followups.list(incidentId);
    expect(followup?.doneAt).not.toBeNull();
    expect(followup?.issue).toMatchObject({ key: '#1', closed: true });
    const done = await h.store.timeline.listKind(incidentId, 'followup_done');
    expect(done.map((e) => e.data)).toEqual([
      { followupId: followup?.id, text: 'Add a canary stage', tracker: 'github' },
    ]);
    expect(gh.issues).toHaveLength(1);
    expect(logLines.filter((line) => line.includes(GH_TOKEN))).toEqual([]);
  });

  it('an issue closed on GitHub shows done at once in /incident followups, without waiting for the sync', async () => {
    const { channelId, incidentId } = await start();
    await h.user(PEOPLE.bob).command('followup Rotate the keys', channelId);
    expect(gh.issues).toHaveLength(1);
    gh.close(1);
    const list = JSON.stringify((await h.user(PEOPLE.bob).command('followups', channelId)).json.blocks);
    expect(list).toContain('✅ 1.');
    expect((await h.store.followups.list(incidentId))[0]?.doneAt).not.toBeNull();
  });

  it('/incident done closes the issue when closeIssues is on', async () => {
    const { channelId } = await start({ closeIssues: true });
    await h.user(PEOPLE.bob).command('followup Rotate the keys', channelId);
    await h.user(PEOPLE.bob).command('done 1', channelId);
    expect(gh.issues[0]?.state).toBe('closed');
    expect(gh.issues).toHaveLength(1);
  });

  it('a refusal (401) is said once in the channel with GitHub’s reason, and the token nowhere', async () => {
    const { channelId, incidentId } = await start({}, 'ghp_wrongToken00000000000000000000');
    await h.user(PEOPLE.bob).command('followup Add a canary stage', channelId);
    await later(MIN);
    await later(30 * MIN);
    const told = h.fake.messages(channelId).filter((m) => m.text?.includes('refused the issue'));
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('HTTP 401: Bad credentials');
    expect(messageContaining(h, channelId, 'ghp_wrongToken')).toBeUndefined();
    expect(gh.http.requests).toHaveLength(1);
    expect(await storedKinds(h.store, incidentId)).toContain('followup_issue_refused');
    expect(logLines.filter((line) => line.includes('ghp_wrongToken'))).toEqual([]);
    expect(gh.issues).toHaveLength(0);
  });

  it('Create issue in the follow-up’s reply (createOn: button) makes one issue, also when clicked twice at once and again later', async () => {
    const { channelId, incidentId } = await start({ createOn: 'button' });
    const reply = await h.user(PEOPLE.bob).command('followup Add a canary stage', channelId);
    expect(gh.issues).toHaveLength(0);

    const clicks = await Promise.all([
      h.user(PEOPLE.bob).clickInReply(reply, channelId, 'followup_create_issue'),
      h.user(PEOPLE.bob).clickInReply(reply, channelId, 'followup_create_issue'),
    ]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    expect(gh.issues).toHaveLength(1);
    const [issue] = gh.issues;
    expect(issue).toMatchObject({ title: 'Add a canary stage', state: 'open' });
    // Each click is answered in the clicker's reply, one of them with the issue's link.
    const answers = clicks.flatMap((c) => h.fake.responses(c.responseUrl).map((r) => r.body));
    expect(answers).toHaveLength(2);
    expect(answers.every((a) => a.response_type === 'ephemeral' && a.replace_original === false)).toBe(true);
    expect(answers.some((a) => a.text.includes(`<${issue?.html_url}|#1>`))).toBe(true);

    const again = await h.user(PEOPLE.bob).clickInReply(reply, channelId, 'followup_create_issue');
    expect(h.fake.responses(again.responseUrl).map((r) => r.body.text)).toEqual([
      `🎫 Add a canary stage: <${issue?.html_url}|#1>`,
    ]);
    await later(MIN);
    expect(gh.issues).toHaveLength(1);
    expect(gh.http.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((await h.store.followups.list(incidentId))[0]?.issue).toMatchObject({ key: '#1', url: issue?.html_url });
  });

  it('Create issue is refused to someone who may not change the incident', async () => {
    const { channelId } = await start({ createOn: 'button' });
    const reply = await h.user(PEOPLE.bob).command('followup Add a canary stage', channelId);
    h.fake.addUser({ id: 'UMALLORY01', name: 'mallory' });
    const click = await h.user('UMALLORY01').clickInReply(reply, channelId, 'followup_create_issue');
    expect(gh.issues).toHaveLength(0);
    expect(JSON.stringify(h.fake.responses(click.responseUrl))).not.toContain('🎫');
  });

  it('a GitHub that is down is tried again with backoff until it answers', async () => {
    const { channelId } = await start();
    gh.http.plan('fail');
    gh.http.plan('fail');
    await h.user(PEOPLE.bob).command('followup Add a canary stage', channelId);
    expect(gh.issues).toHaveLength(0);
    await later(MIN);
    expect(gh.issues).toHaveLength(0);
    await later(2 * MIN);
    expect(gh.issues).toHaveLength(1);
  });
});
