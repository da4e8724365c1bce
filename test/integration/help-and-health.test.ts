import { type Harness, PEOPLE, SIGNING_SECRET, startHarness } from '../support/harness';
import { formBody, postSigned } from '../support/signed-request';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());

describe('help', () => {
  it.each(['', 'help', 'HELP'])('/incident %p lists the subcommands privately', async (text) => {
    const response = await h.user(PEOPLE.alice).command(text);
    expect(response.status).toBe(200);
    expect(response.json.response_type).toBe('ephemeral');
    for (const usage of [
      '/incident declare [title]',
      '/incident update',
      '/incident resolve',
      '/incident note <text>',
      '/incident followup <text> [@owner]',
      '/incident timeline',
      '/incident postmortem',
      '/incident help',
    ]) {
      // Angle brackets arrive escaped, which Slack shows as typed (unescaped they would be links).
      expect(response.json.text).toContain(usage.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
  });

  it('an unknown subcommand answers with help, naming what was not understood', async () => {
    const response = await h.user(PEOPLE.alice).command('frobnicate now');
    expect(response.json.text).toMatch(/^I don't know `frobnicate`\. Commands:/);
  });

  it('an unknown subcommand cannot ping the channel through the reply', async () => {
    const response = await h.user(PEOPLE.alice).command('<!channel>');
    expect(response.json.text).not.toContain('<!channel>');
  });
});

describe('health and request signing', () => {
  it('GET /healthz answers 200 with a small JSON body', async () => {
    const response = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  const body = formBody({
    command: '/incident',
    text: 'help',
    user_id: PEOPLE.alice,
    channel_id: 'CGENERAL',
    team_id: 'T0TEAM',
    trigger_id: 'x',
    response_url: 'http://127.0.0.1:1/',
  });

  it('refuses a request with a wrong signature', async () => {
    expect((await postSigned(h.eventsUrl, body, 'not-the-secret')).status).toBe(401);
  });

  it('refuses a request without signature headers', async () => {
    const response = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(401);
  });

  it('refuses a replayed request older than five minutes', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postSigned(h.eventsUrl, body, SIGNING_SECRET, { timestamp: stale })).status).toBe(401);
  });

  it('accepts the same request correctly signed', async () => {
    expect((await postSigned(h.eventsUrl, body, SIGNING_SECRET)).status).toBe(200);
  });
});
