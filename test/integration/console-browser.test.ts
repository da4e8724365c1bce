import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { findChromium } from '../support/chromium';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, openedView } from './flows';

/**
 * The web console in a real browser (issue 28): people sign in through the fake Slack's OpenID pages
 * with JavaScript on and off, and a private incident shows only to those who may see it. Debian's
 * chromium (`apt-get install chromium`); without one the file is skipped locally, and fails under CI.
 */
const executablePath = findChromium();
const missing = executablePath === undefined && !process.env.CI;
if (missing)
  console.warn(
    'console-browser.test.ts skipped: no chromium binary on PATH (nor CHROMIUM_PATH); `apt-get install -y chromium` to run it',
  );
const describeWithBrowser = missing ? describe.skip : describe;

const MIN = 60_000;
/** Each reader in a zone of their own, so a time shown in the wrong one would not match. */
const READERS = {
  admin: { id: 'UADMIN0001', tz: 'Asia/Tokyo' },
  involved: { id: 'UINVOLVED1', tz: 'America/New_York' },
  member: { id: 'UMEMBER001', tz: 'America/Los_Angeles' },
  outsider: { id: 'UOUTSIDE01', tz: 'Australia/Sydney' },
} as const;
type Role = keyof typeof READERS;
const SECRET_TITLE = 'Vault keys leaked';
const RANGE = 'period=week&from=2026-11-01&to=2026-11-30';

/** "2026-11-24 04:00", the wall clock in `tz` at `ms`. */
function wallClock(ms: number, tz: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

describeWithBrowser(
  `the web console in a browser${missing ? ' (skipped: no chromium binary found and CI is not set)' : ''}`,
  () => {
    let h: Harness;
    let browser: Browser;
    let secret: { id: number; channelId: string; channelName: string };
    const consoleLines: string[] = [];

    beforeAll(async () => {
      if (executablePath === undefined)
        throw new Error('CI is set and no chromium binary was found: install Debian’s chromium (see .ci/run)');
      [h, browser] = await Promise.all([
        startHarness({ web: true, policy: { admins: [READERS.admin.id] } }),
        chromium.launch({ executablePath, args: ['--no-sandbox'] }),
      ]);
      for (const [role, { id, tz }] of Object.entries(READERS))
        h.fake.addUser({ id, name: role, real_name: role[0]!.toUpperCase() + role.slice(1), tz });

      await declareIncident(h, h.user(PEOPLE.alice), { title: 'Checkout returns 502' });
      await h.user(PEOPLE.alice).command(`declare ${SECRET_TITLE}`);
      await h.user(PEOPLE.alice).submit(openedView(h, 'declare_incident'), {
        severity: 'SEV1',
        commander: READERS.involved.id,
        visibility: 'private',
      });
      const channel = h.fake.okCalls('conversations.create').at(-1)!.response.channel;
      const incident = (await h.commander.incidents.findByChannel(channel.id))!;
      secret = { id: incident.id, channelId: channel.id, channelName: channel.name };
      h.fake.channel(channel.id)!.members.add(READERS.member.id);
      // Notes over a day, so that the readers' zones put them on different dates.
      for (const [i, advance] of [37, 7 * 60 + 20, 9 * 60 + 5].entries()) {
        h.clock.advance(advance * MIN);
        await h.user(READERS.involved.id).command(`note Rotated key ${i + 1}`, channel.id);
      }
    }, 30_000);
    afterAll(async () => {
      await browser?.close();
      await h?.stop();
    });
    beforeEach(() => {
      consoleLines.length = 0;
    });
    afterEach(() => expect(consoleLines).toEqual([]));

    /** A fresh browser profile signed in as `role` through Slack's pages, on the incident list. */
    async function signIn(role: Role, javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ javaScriptEnabled });
      // Nothing but the console and the (fake) Slack it signs in with.
      await context.route('**/*', (route) =>
        new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
      );
      const page = await context.newPage();
      page.on('console', (m) => consoleLines.push(`${role}: ${m.type()}: ${m.text()}`));
      h.fake.openid.signInAs = { userId: READERS[role].id };
      const response = await page.goto(`${h.webUrl}/`);
      expect([response?.status(), new URL(page.url()).pathname]).toEqual([200, '/']);
      await expect(page.getByRole('heading', { name: 'Incidents' }).isVisible()).resolves.toBe(true);
      return { context, page };
    }

    /** What of the private incident a page shows: its title, number, channel name or address. */
    const leaks = (html: string) =>
      [
        SECRET_TITLE,
        secret.channelName,
        secret.channelId,
        `/incidents/${secret.id}`,
        ...(new RegExp(`#${secret.id}\\b`).test(html) ? [`#${secret.id}`] : []),
      ].filter((s) => html.includes(s));

    describe.each([true, false])('with JavaScript %s', (javaScript) => {
      it.each<Role>(['admin', 'involved', 'member'])('the %s finds the private incident everywhere', async (role) => {
        const { context, page } = await signIn(role, javaScript);
        await expect(page.getByRole('link', { name: SECRET_TITLE }).isVisible()).resolves.toBe(true);
        await page.getByRole('searchbox', { name: 'Search' }).fill('vault');
        await page.getByRole('button', { name: 'Filter' }).click();
        await page.waitForURL(/q=vault/);
        await expect(page.getByRole('link', { name: SECRET_TITLE }).isVisible()).resolves.toBe(true);
        await page.getByRole('link', { name: SECRET_TITLE }).click();
        expect(new URL(page.url()).pathname).toBe(`/incidents/${secret.id}`);
        await expect(page.getByRole('link', { name: `#${secret.channelName}` }).isVisible()).resolves.toBe(true);

        const csv = await context.request.get(`${h.webUrl}/insights.csv?chart=declared&${RANGE}`);
        expect(await csv.text()).toBe('period,severity,incidents\r\n2026-W48,SEV1,2\r\n');
        await context.close();
      });

      it('the outsider finds it nowhere: not in the list, a search, its address, the insights or their CSV', async () => {
        const { context, page } = await signIn('outsider', javaScript);
        const html = async () => `${await page.content()}${await page.locator('body').textContent()}`;
        await expect(page.getByRole('link', { name: 'Checkout returns 502' }).isVisible()).resolves.toBe(true);
        expect(leaks(await html())).toEqual([]);

        for (const words of ['vault', SECRET_TITLE, secret.channelName, String(secret.id)]) {
          await page.getByRole('searchbox', { name: 'Search' }).fill(words);
          await page.getByRole('button', { name: 'Filter' }).click();
          await page.waitForURL((url) => url.searchParams.get('q') === words);
          // The filter form holds what the outsider typed; the rest of the page is what the console found.
          const found = (await page.locator('main').innerHTML()).replace(/<form[\s\S]*?<\/form>/, '');
          expect([words, leaks(found)]).toEqual([words, []]);
        }

        const nowhere = await page.goto(`${h.webUrl}/incidents/9999`);
        const notFound = await page.locator('main').innerHTML();
        for (const path of ['', '/postmortem']) {
          const response = await page.goto(`${h.webUrl}/incidents/${secret.id}${path}`);
          expect(response?.status()).toBe(nowhere?.status());
          expect(await page.locator('main').innerHTML()).toBe(notFound);
          expect(leaks(await html())).toEqual([]);
        }
        // The three 404s, which the browser reports as such.
        expect(consoleLines.splice(0)).toEqual(
          Array(3).fill(
            'outsider: error: Failed to load resource: the server responded with a status of 404 (Not Found)',
          ),
        );

        await page.goto(`${h.webUrl}/insights?${RANGE}`);
        await expect(page.getByRole('heading', { name: 'Incidents declared' }).isVisible()).resolves.toBe(true);
        expect(leaks(await html())).toEqual([]);
        const csv = await context.request.get(`${h.webUrl}/insights.csv?chart=declared&${RANGE}`);
        const text = await csv.text();
        expect(text).toBe('period,severity,incidents\r\n2026-W48,SEV1,1\r\n');
        expect(leaks(text)).toEqual([]);
        await context.close();
      });
    });

    it.each<Role>(['involved', 'member'])(
      'the incident page shows the %s each entry at the time /incident timeline shows them in Slack',
      async (role) => {
        const reader = READERS[role];
        const reply = await h.user(reader.id).command('timeline', secret.channelId);
        // Each line: a date token Slack renders in the reader's zone, then who and what.
        const inSlack = new Map<string, string>();
        for (const block of reply.json.blocks as Array<{ text?: { text: string } }>)
          for (const line of block.text?.text.split('\n') ?? []) {
            const match =
              /^<!date\^(\d+)\^\{date_short\} \{time\}\|[^>]*> · .*?(Rotated key \d|Declared private SEV1)/.exec(line);
            if (match) inSlack.set(match[2] as string, wallClock(Number(match[1]) * 1000, reader.tz));
          }
        expect([...inSlack.keys()].sort()).toEqual([
          'Declared private SEV1',
          'Rotated key 1',
          'Rotated key 2',
          'Rotated key 3',
        ]);
        expect(new Set(inSlack.values()).size).toBe(4);

        const { context, page } = await signIn(role, false);
        await page.goto(`${h.webUrl}/incidents/${secret.id}`);
        await expect(page.getByText(`times in ${reader.tz}`).isVisible()).resolves.toBe(true);
        const onPage = new Map<string, string>();
        for (const item of await page.locator('#timeline li').all()) {
          const time = (await item.locator('time').textContent()) ?? '';
          const what = /Rotated key \d|Declared private SEV1/.exec((await item.textContent()) ?? '')?.[0];
          // "2026-11-24 04:00 EST": the wall clock, then the zone's abbreviation.
          if (what) onPage.set(what, time.replace(/ \S+$/, ''));
        }
        expect(Object.fromEntries(onPage)).toEqual(Object.fromEntries(inSlack));
        await context.close();
      },
    );

    it('with JavaScript on, a new timeline entry appears on the open incident page without a reload', async () => {
      const { context, page } = await signIn('member', true);
      await page.goto(`${h.webUrl}/incidents/${secret.id}`);
      const loaded = await page.evaluate(() => performance.timeOrigin);
      const entries = page.locator('#timeline li');
      const before = await entries.count();

      h.clock.advance(2 * MIN);
      await h.user(READERS.involved.id).command('note Revoked the old keys', secret.channelId);
      const added = entries.filter({ hasText: 'Revoked the old keys' });
      await added.waitFor({ timeout: 5_000 });
      expect(await entries.count()).toBe(before + 1);
      expect(await added.locator('time').textContent()).toMatch(
        new RegExp(`^${wallClock(h.clock.now(), READERS.member.tz)} P[SD]T$`),
      );
      expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded);
      await context.close();
    });

    it('with JavaScript on, an entry edited or deleted at its source in Slack changes on the open page', async () => {
      h.clock.advance(MIN);
      const message = h.fake.addMessage({ channel: secret.channelId, user: READERS.member.id, text: 'Keys at rest 3' });
      await h.user(READERS.involved.id).shortcut({ ...message, user: READERS.member.id });
      const { context, page } = await signIn('member', true);
      await page.goto(`${h.webUrl}/incidents/${secret.id}`);
      const loaded = await page.evaluate(() => performance.timeOrigin);
      const entries = page.locator('#timeline li');
      await entries.filter({ hasText: 'Keys at rest 3' }).waitFor({ timeout: 5_000 });
      const before = await entries.count();

      await h.user(READERS.member.id).editMessage(message, 'Keys at rest: 4 (typo)');
      await entries.filter({ hasText: 'Keys at rest: 4 (typo)' }).waitFor({ timeout: 5_000 });
      expect(await entries.filter({ hasText: 'Keys at rest 3' }).count()).toBe(0);
      expect(await entries.count()).toBe(before);

      await h.user(READERS.member.id).deleteMessage(message);
      await entries.filter({ hasText: 'Keys at rest' }).waitFor({ state: 'detached', timeout: 5_000 });
      expect(await entries.count()).toBe(before - 1);
      expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded);
      await context.close();
    });
  },
);
