import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { ConsoleBrowser, type Visited } from '../support/console-browser';
import type { BadToken } from '../support/fake-slack/openid';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

/** Signing in to the web console with Slack (issue 28; docs/web-console.md). */

const last = (hops: Visited[]): Visited => hops[hops.length - 1] as Visited;
const pathOf = (hop: Visited) => {
  const url = new URL(hop.url);
  return `${url.pathname}${url.search}`;
};

describe.each(APP_ENGINES)('signing in to the web console with Slack (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()), web: true, policy: { web: { sessionFor: '12h' } } });
  });
  afterEach(async () => h.stop());

  /** Opens `path` in a fresh browser as `userId`, through Slack's sign-in; every hop. */
  async function signIn(userId: string, path = '/', browser = new ConsoleBrowser(h.webUrl)) {
    h.fake.openid.signInAs = { userId };
    return { browser, hops: await browser.follow(`${h.webUrl}${path}`) };
  }

  it('someone of the workspace signs in through Slack and reaches the incident list', async () => {
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout returns 502' });
    const { browser, hops } = await signIn(PEOPLE.bob);

    expect(hops.map((hop) => [hop.status, new URL(hop.url).pathname])).toEqual([
      [302, '/'],
      [302, '/login'],
      [302, '/openid/connect/authorize'],
      [302, '/auth/callback'],
      [200, '/'],
    ]);
    expect(last(hops).body).toContain('Checkout returns 502');
    const asked = h.fake.openid.authorizations[0] as URLSearchParams;
    expect(Object.fromEntries(asked)).toMatchObject({
      response_type: 'code',
      scope: 'openid profile email',
      client_id: h.fake.openid.clientId,
      redirect_uri: `${h.webUrl}/auth/callback`,
      team: 'T0TEAM',
    });
    expect(asked.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(asked.get('nonce')).toMatch(/^[\w-]{40,}$/);
    expect(asked.get('nonce')).not.toBe(asked.get('state'));
    expect(h.fake.okCalls('openid.connect.token')).toHaveLength(1);

    const session = browser.cookies.get('commander_session');
    expect(session?.attributes).toContain('HttpOnly');
    expect(session?.attributes).toContain('SameSite=Lax');
    expect(session?.attributes).not.toContain('Secure'); // the base URL is http here
    expect(browser.cookies.has('commander_sign_in')).toBe(false);
    for (const hop of hops.filter((hop) => hop.url.startsWith(h.webUrl)))
      expect(hop.headers.get('content-security-policy')).toBe("default-src 'self'");
  });

  it.each<[BadToken, number, RegExp]>([
    ['bad_signature', 400, /could not be verified with Slack’s keys/],
    ['expired', 400, /has expired/],
    ['wrong_audience', 400, /made for another app/],
    ['other_team', 403, /another Slack workspace/],
    ['wrong_nonce', 400, /does not belong to this browser/],
    ['wrong_issuer', 400, /failed a check \(iss\)/],
  ])('an id_token with %s is refused with a sentence and no session', async (bad, status, sentence) => {
    h.fake.openid.issueBad(bad);
    const { browser, hops } = await signIn(PEOPLE.bob);

    expect(last(hops).status).toBe(status);
    expect(pathOf(last(hops))).toMatch(/^\/auth\/callback\?/);
    expect(last(hops).body).toMatch(sentence);
    expect(last(hops).body).not.toMatch(/Error:|at .*\.ts:\d+|JWT|JWS/);
    expect(browser.cookies.has('commander_session')).toBe(false);
    expect((await browser.get(`${h.webUrl}/`)).headers.get('location')).toBe('/login?next=%2F');
  });

  it('a callback whose state is not the one this browser was given is refused, and works once only', async () => {
    h.fake.openid.signInAs = { userId: PEOPLE.bob };
    const browser = new ConsoleBrowser(h.webUrl);
    const toSlack = await browser.get(`${h.webUrl}/login`);
    const back = await browser.get(toSlack.headers.get('location') as string);
    const callback = new URL(back.headers.get('location') as string);

    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'someone-elses-state');
    const refused = await browser.get(tampered.toString());
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('did not start in this browser');

    // Another browser (no sign-in cookie) handed the genuine link gets nowhere either.
    const other = await new ConsoleBrowser(h.webUrl).get(callback.toString());
    expect(other.status).toBe(400);
    expect(h.fake.calls('openid.connect.token')).toHaveLength(0);
  });

  it('without a session every page sends the browser to /login, keeping where it was going', async () => {
    const browser = new ConsoleBrowser(h.webUrl);
    for (const path of ['/', '/incidents/1', '/incidents/1/postmortem', '/insights?range=90d&by=week', '/nope']) {
      const answer = await browser.get(`${h.webUrl}${path}`);
      expect([answer.status, answer.headers.get('location')]).toEqual([302, `/login?next=${encodeURIComponent(path)}`]);
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'self'");
    }
    const forged = await fetch(`${h.webUrl}/`, { redirect: 'manual', headers: { cookie: 'commander_session=guess' } });
    expect(forged.status).toBe(302);
  });

  it('after signing in, the browser lands where it was going, but only on the console itself', async () => {
    const callbackOf = (hops: Visited[]) => hops.find((hop) => pathOf(hop).startsWith('/auth/callback')) as Visited;
    const { hops } = await signIn(PEOPLE.bob, '/login?next=%2Finsights%3Frange%3D30d');
    expect(callbackOf(hops).headers.get('location')).toBe('/insights?range=30d');

    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/\t/evil.example',
      'javascript:alert(1)',
    ]) {
      const { hops: attempt } = await signIn(PEOPLE.bob, `/login?next=${encodeURIComponent(next)}`);
      expect([next, callbackOf(attempt).headers.get('location')]).toEqual([next, '/']);
    }
  });

  it('signing out takes a POST with the token from the sign-out page', async () => {
    const { browser } = await signIn(PEOPLE.bob);
    const withoutToken = await browser.post(`${h.webUrl}/logout`, {});
    expect(withoutToken.status).toBe(403);
    const wrongToken = await browser.post(`${h.webUrl}/logout`, { csrf: 'forged' });
    expect(wrongToken.status).toBe(403);
    expect((await browser.get(`${h.webUrl}/`)).status).toBe(200);

    const page = await browser.get(`${h.webUrl}/logout`);
    const token = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    expect(page.body).toContain('<form method="post" action="/logout">');
    // A token is the session's own: another person's session does not take it.
    const { browser: carols } = await signIn(PEOPLE.carol);
    expect((await carols.post(`${h.webUrl}/logout`, { csrf: token })).status).toBe(403);

    const out = await browser.post(`${h.webUrl}/logout`, { csrf: token });
    expect(out.status).toBe(200);
    expect(out.body).toContain('You are signed out');
    expect(browser.cookies.has('commander_session')).toBe(false);
    expect((await browser.get(`${h.webUrl}/`)).status).toBe(302);
    expect((await carols.get(`${h.webUrl}/`)).status).toBe(200);
  });

  it('a session ends after web.sessionFor, by the app clock', async () => {
    const { browser } = await signIn(PEOPLE.bob);
    h.clock.advance(12 * 3_600_000 - 1_000);
    expect((await browser.get(`${h.webUrl}/`)).status).toBe(200);
    h.clock.advance(1_000);
    const expired = await browser.get(`${h.webUrl}/`);
    expect([expired.status, expired.headers.get('location')]).toEqual([302, '/login?next=%2F']);
  });

  it('answers only GET and HEAD for pages, and HEAD without a body', async () => {
    const { browser } = await signIn(PEOPLE.bob);
    const cookie = `commander_session=${browser.cookies.get('commander_session')?.value}`;
    const head = await fetch(`${h.webUrl}/`, { method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const put = await fetch(`${h.webUrl}/`, { method: 'PUT', headers: { cookie } });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await fetch(`${h.webUrl}/nowhere`, { headers: { cookie } })).status).toBe(404);
  });
});
