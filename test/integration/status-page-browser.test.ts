import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { findChromium } from '../support/chromium';
import { type Harness, PEOPLE, startHarness } from '../support/harness';

/**
 * The status page in a real browser with JavaScript off, as a customer without scripts sees it:
 * what only a browser tells (the stylesheet applied under the CSP, the bars laid out, links that
 * lead somewhere, nothing fetched from elsewhere). Debian's chromium (`apt-get install chromium`);
 * without one the file is skipped locally, and fails under CI.
 */
const executablePath = findChromium();
const missing = executablePath === undefined && !process.env.CI;
if (missing)
  console.warn(
    'status-page-browser.test.ts skipped: no chromium binary on PATH (nor CHROMIUM_PATH); `apt-get install -y chromium` to run it',
  );
const describeWithBrowser = missing ? describe.skip : describe;

const POLICY = {
  services: [
    { id: 'payments', name: 'Payments service', public: { name: 'Payments', group: 'Checkout' } },
    { id: 'api', name: 'Public API', public: { name: 'API' } },
    { id: 'ledger-db', name: 'Ledger database' },
  ],
  statusPage: { title: 'Acme Status', url: 'https://status.example.com', historyDays: 30 },
};
const DAY = 86_400_000;
const MESSAGE = 'Some card payments fail. We are looking into it.';

describeWithBrowser(
  `the status page in a browser without JavaScript${missing ? ' (skipped: no chromium binary found and CI is not set)' : ''}`,
  () => {
    let h: Harness;
    let browser: Browser;
    let context: BrowserContext;
    /** Every request the browser made, and the console lines it wrote (CSP violations among them). */
    const requested: string[] = [];
    const consoleLines: string[] = [];

    beforeAll(async () => {
      if (executablePath === undefined)
        throw new Error('CI is set and no chromium binary was found: install Debian’s chromium (see .ci/run)');
      [h, browser] = await Promise.all([
        startHarness({ statusPage: true, policy: POLICY }),
        chromium.launch({ executablePath, args: ['--no-sandbox'] }),
      ]);
      // A day of history behind the incident, so bars show both a measured day and days of no data.
      h.clock.advance(DAY);
      const { incident } = await h.commander.incidents.declare({
        key: 'browser-1',
        title: 'SECRET internal title',
        severity: 'SEV1',
        impact: 'cards',
        commanderId: PEOPLE.bob,
        declaredBy: PEOPLE.alice,
        isPrivate: false,
      });
      await h.store.incidentServices.add(incident.id, 'payments', h.clock.now(), PEOPLE.alice);
      await h.commander.statusPage.publish({
        incidentId: incident.id,
        by: PEOPLE.bob,
        name: 'Card payments failing',
        status: 'investigating',
        body: MESSAGE,
        components: { payments: 'major_outage' },
      });
      await h.commander.idle();
      await h.commander.statusServer?.settled();

      context = await browser.newContext({ javaScriptEnabled: false });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        requested.push(url);
        return new URL(url).hostname === '127.0.0.1' ? route.continue() : route.abort();
      });
    }, 30_000);
    afterAll(async () => {
      await browser?.close();
      await h?.stop();
    });

    async function open(path: string): Promise<Page> {
      const page = await context.newPage();
      page.on('console', (m) => consoleLines.push(`${path}: ${m.type()}: ${m.text()}`));
      const response = await page.goto(`${h.statusUrl}${path}`);
      expect(response?.status()).toBe(200);
      return page;
    }
    beforeEach(() => {
      requested.length = 0;
      consoleLines.length = 0;
    });
    afterEach(() => {
      expect(requested.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
      expect(consoleLines).toEqual([]);
    });

    it('shows the components, the public message and a bar per day whose title gives its uptime, styled under the CSP', async () => {
      const page = await open('/');
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Payments');
      expect(text).toContain('API');
      expect(text).not.toContain('Ledger');
      expect(text).not.toContain('SECRET');
      await expect(page.getByText(MESSAGE).isVisible()).resolves.toBe(true);
      await expect(page.locator('li', { hasText: 'Payments' }).getByText('Major outage').isVisible()).resolves.toBe(
        true,
      );

      const payments = page.locator('.components > li', { hasText: 'Payments' }).locator('.bars i');
      const titles = await payments.evaluateAll((bars) => bars.map((b) => b.getAttribute('title')));
      // One bar a day; days that read alike share an element titled with their first and last day.
      const DAY = /^(\d{4}-\d{2}-\d{2})(?: – (\d{4}-\d{2}-\d{2}))?: (\d+(\.\d+)? %|no data)$/;
      const spans = titles.map((title) => {
        const [, from, to] = (title ?? '').match(DAY) ?? [];
        expect(from).toBeDefined();
        return (Date.parse(to ?? (from as string)) - Date.parse(from as string)) / 86_400_000 + 1;
      });
      expect(spans.reduce((a, b) => a + b, 0)).toBe(30);
      const noData = titles.findIndex((t) => t?.endsWith('no data'));
      expect(noData).toBeGreaterThanOrEqual(0);
      expect(titles.at(-1)).toMatch(/: \d+(\.\d+)? %$/);
      // A run of days is drawn as wide as that many single days.
      const widths = await payments.evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
      const dayWidth = (widths.at(-1) as number) / (spans.at(-1) as number);
      expect((widths[noData] as number) / (spans[noData] as number)).toBeCloseTo(dayWidth, 0);
      // Empty <i>s have a size only if /style.css was applied: the stylesheet loaded under the CSP.
      const box = await payments.last().boundingBox();
      expect(box?.width).toBeGreaterThan(0);
      expect(box?.height).toBeGreaterThan(0);
      expect(requested).toContain(`${h.statusUrl}/style.css`);
      await page.close();
    });

    it('leads from / to the incident page by its link, which shows the public update only', async () => {
      const page = await open('/');
      await page.getByRole('link', { name: 'Card payments failing' }).click();
      expect(page.url()).toMatch(/\/incidents\/[a-z0-9]{12}$/);
      await expect(page.getByRole('heading', { name: 'Card payments failing' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText(MESSAGE).isVisible()).resolves.toBe(true);
      expect(await page.locator('body').textContent()).not.toContain('SECRET');
      await page.close();
    });

    it('lists the incident under its month on /history', async () => {
      const page = await open('/history');
      await expect(page.getByRole('heading', { name: 'November 2026' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('link', { name: 'Card payments failing' }).isVisible()).resolves.toBe(true);
      await page.close();
    });
  },
);
