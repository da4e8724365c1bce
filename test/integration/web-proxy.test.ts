import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident } from './flows';

/** WEB_AUTH=proxy: an authenticating proxy names the person (docs/web-console.md). */

describe.each(APP_ENGINES)('the web console behind an authenticating proxy (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness | undefined;
  afterEach(async () => h?.stop());

  async function start(trustedProxies: string) {
    h = await startHarness({ ...(await database.options()), web: { auth: 'proxy', trustedProxies } });
    h.fake.addUser({ id: PEOPLE.bob, email: 'bob@acme.test' });
    return h;
  }
  const as = (email: string | undefined, header = 'x-forwarded-email') => ({
    redirect: 'manual' as const,
    headers: email === undefined ? {} : { [header]: email },
  });

  it('from a trusted address, the e-mail in X-Forwarded-Email is the Slack person it belongs to', async () => {
    const h = await start('10.0.0.5, 127.0.0.1');
    await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout returns 502' });
    const page = await fetch(`${h.webUrl}/`, as('Bob@Acme.test'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Checkout returns 502');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(h.fake.lastCall('users.lookupByEmail')?.args.email).toBe('bob@acme.test');
    // The answer is kept a while: a second page does not ask Slack again.
    await fetch(`${h.webUrl}/`, as('bob@acme.test'));
    expect(h.fake.calls('users.lookupByEmail')).toHaveLength(1);
    // No session cookie: the proxy vouches for every request.
    expect(page.headers.get('set-cookie')).toBeNull();
  });

  it('from a trusted address, no header or an address no one in the workspace has is refused', async () => {
    const h = await start('127.0.0.1');
    const none = await fetch(`${h.webUrl}/`, as(undefined));
    expect([none.status, await none.text()]).toEqual([403, expect.stringContaining('no X-Forwarded-Email header')]);
    const stranger = await fetch(`${h.webUrl}/`, as('mallory@elsewhere.test'));
    expect([stranger.status, await stranger.text()]).toEqual([
      403,
      expect.stringContaining('No one in Commander’s Slack workspace has the e-mail address mallory@elsewhere.test'),
    ]);
  });

  it('from any other address the header is ignored and the request refused', async () => {
    const h = await start('10.0.0.5');
    for (const email of ['bob@acme.test', undefined]) {
      const page = await fetch(`${h.webUrl}/`, as(email));
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('reached through its sign-in proxy only');
    }
    expect(h.fake.calls('users.lookupByEmail')).toHaveLength(0);
  });
});
