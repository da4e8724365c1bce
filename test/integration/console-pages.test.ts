import { createTimelineEdits } from '../../src/incidents/timeline-edits';
import { createLogger } from '../../src/logger';
import { createPostmortemRenderer, joined } from '../../src/postmortem/postmortem.service';
import { minuteFormatter } from '../../src/postmortem/time-format';
import { slackText } from '../../src/slack/text/slack-text';
import type { Tx } from '../../src/store';
import { entries } from '../../src/timeline/entries';
import { ADMIN, consolePages, consolePolicy, csvRows, text } from '../support/console-pages';
import { ManualClock } from '../support/manual-clock';
import { plainRecorder } from '../support/recorder';
import { STORE_ENGINES } from '../support/store-engines';

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12, 0);
const policy = consolePolicy({
  services: [
    { id: 'payments', name: 'Payments' },
    { id: 'search', name: 'Search' },
  ],
});
const OUTSIDER = 'UOUTSIDE';

async function declare(
  store: Tx,
  n: {
    key: string;
    title: string;
    at: number;
    severity?: string;
    isPrivate?: boolean;
    type?: string;
    commanderId?: string;
    declaredBy?: string;
  },
) {
  const { incident } = await store.incidents.insertOnce({
    declareKey: n.key,
    title: n.title,
    severity: n.severity ?? 'SEV2',
    impact: `Impact of ${n.title}`,
    commanderId: n.commanderId ?? 'UBOB',
    declaredBy: n.declaredBy ?? 'UALICE',
    declaredAt: n.at,
    sourceViewId: null,
    isPrivate: n.isPrivate,
    type: n.type,
  });
  const channelName = `inc-${incident.id}-${n.isPrivate ? 'vault' : 'public'}`;
  await store.incidents.update(incident.id, { channelId: `C${incident.id}X`, channelName });
  await plainRecorder.record(
    store,
    entries.declared({ incidentId: incident.id, at: n.at, actorId: incident.declaredBy }, { ...incident }),
  );
  return incident.id;
}

describe.each(STORE_ENGINES.map((engine) => [engine().name, engine]))('%s console pages', (_name, makeEngine) => {
  const engine = makeEngine();
  let store: Tx;
  let clock: ManualClock;
  let pages: ReturnType<typeof consolePages>;
  let checkout: number;
  let secret: number;
  afterAll(() => engine.end());

  beforeEach(async () => {
    store = await engine.fresh();
    clock = new ManualClock(NOW);
    // Sixty resolved incidents before, then an open public one and an open private one.
    for (let i = 0; i < 60; i++) {
      const id = await declare(store, {
        key: `old-${i}`,
        title: `Old outage ${i}`,
        at: NOW - (70 - i) * DAY,
        severity: i % 2 ? 'SEV3' : 'SEV2',
      });
      await store.incidents.update(id, {
        status: 'resolved',
        resolvedAt: NOW - (70 - i) * DAY + 3_600_000,
        resolution: 'fixed',
      });
    }
    checkout = await declare(store, {
      key: 'checkout',
      title: 'Checkout <b>errors</b>',
      at: NOW - 3 * 3_600_000,
      severity: 'SEV1',
    });
    await store.incidentServices.add(checkout, 'payments', NOW - 3 * 3_600_000, 'UBOB');
    await plainRecorder.record(
      store,
      entries.note(
        { incidentId: checkout, at: NOW - 2 * 3_600_000, actorId: 'UBOB' },
        { source: 'Saw a kangaroo in the logs', body: slackText.read('Saw a kangaroo in the logs') },
        'n1',
      ),
    );
    const update = await store.statusUpdates.insert({
      incidentId: checkout,
      requestKey: 'u1',
      status: 'identified',
      summary: 'Database failover under way',
      impact: '',
      nextSteps: '',
      authorId: 'UBOB',
      postedAt: NOW - 150 * MIN,
    });
    await plainRecorder.record(
      store,
      entries.statusUpdate(
        { incidentId: checkout, at: update.postedAt, actorId: 'UBOB' },
        {
          from: 'investigating',
          to: 'identified',
          summary: update.summary,
          impact: '',
          nextSteps: '',
          updateId: update.id,
        },
      ),
    );
    await store.followups.add({
      incidentId: checkout,
      requestKey: 'f1',
      text: 'Add a retry',
      ownerId: 'UCAROL',
      createdBy: 'UBOB',
      createdAt: NOW - DAY,
      dueAt: NOW - DAY,
    });
    secret = await declare(store, {
      key: 'secret',
      title: 'Vault breach',
      at: NOW - 3_600_000,
      severity: 'SEV1',
      isPrivate: true,
      type: 'security',
      commanderId: 'UCMD',
      declaredBy: 'UDECL',
    });
    await store.incidentServices.add(secret, 'search', NOW - 3_600_000, 'UCMD');
    pages = consolePages(store, policy, clock, { [`C${secret}X`]: ['UMEMBER'] });
  });

  describe('the incident list', () => {
    it('lists open incidents first, fifty to a page, the filter in the links', async () => {
      const first = text(await pages.get('/', 'UALICE'));
      expect(first).toContain('61 incidents, page 1 of 2');
      expect(first.indexOf(`#${checkout}<`)).toBeLessThan(first.indexOf('Old outage 59'));
      expect(first).toContain('Checkout &lt;b&gt;errors&lt;/b&gt;');
      expect(first).toContain('Update overdue'); // SEV1 updates every 15 minutes
      expect(first).toContain('Payments');
      expect(first).toContain('href="/?page=2"');
      const second = text(await pages.get('/?page=2', 'UALICE'));
      expect(second).toContain('Old outage 0<');
      expect(second).not.toContain('Old outage 59<');
      expect(text(await pages.get('/?page=3', 'UALICE'))).toContain('61 incidents, page 3 of 2');
    });

    it('filters by status, severity, service, type and dates, and searches titles, impact, summaries and notes', async () => {
      const count = async (query: string, userId = 'UALICE') =>
        /<p>(\d+) incidents?/.exec(text(await pages.get(`/?${query}`, userId)))?.[1];
      expect(await count('status=open')).toBe('1');
      expect(await count('status=resolved')).toBe('60');
      expect(await count('severity=SEV3')).toBe('30');
      expect(await count('service=payments')).toBe('1');
      expect(await count('type=security', ADMIN)).toBe('1');
      expect(
        await count(
          `from=${new Date(NOW - 11 * DAY).toISOString().slice(0, 10)}&to=${new Date(NOW).toISOString().slice(0, 10)}`,
        ),
      ).toBe('2');
      expect(await count('q=KANGAROO')).toBe('1');
      expect(await count('q=failover')).toBe('1');
      expect(await count('q=impact+of+old+outage+1')).toBe('11');
      expect(await count('q=100%25')).toBe('0');
      expect(await count('q=vault', ADMIN)).toBe('1');
    });

    it('answers a filter it cannot use with a sentence', async () => {
      const response = await pages.get('/?status=burning', 'UALICE');
      expect(response.status).toBe(400);
      expect(text(response)).toContain('Pick a status from the list.');
      expect(text(await pages.get('/?from=2026-13-45', 'UALICE'))).toContain('That date does not exist.');
    });
  });

  describe('the incident page', () => {
    it('shows roles, services, key times, the phases chart, follow-ups, the channel and the timeline in the reader’s zone', async () => {
      const html = text(await pages.get(`/incidents/${checkout}`, 'UALICE', { timeZone: 'America/New_York' }));
      const inNewYork = minuteFormatter('America/New_York');
      expect(html).toContain(`<time>${inNewYork(NOW - 2 * 3_600_000)}</time> · @UBOB · Saw a kangaroo in the logs`);
      expect(html).toContain('Identified: Database failover under way');
      expect(html).toContain('Key times (America/New_York)');
      expect(html).toContain('Time to acknowledge');
      expect(html).toMatch(/<svg class="chart"[^>]*aria-label="Status phases"/);
      expect(html).toContain('Add a retry');
      expect(html).toContain('<span class="overdue">Overdue</span>');
      expect(html).toContain(`href="https://app.slack.com/client/T0001/C${checkout}X"`);
      expect(html).toContain('Payments');
      expect(html).toContain(`/incidents/${checkout}/export.md`);
      expect(html).not.toContain('<b>errors</b>');
      // A zone Slack gives that Node does not know falls back to the policy's.
      expect(text(await pages.get(`/incidents/${checkout}`, 'UALICE', { timeZone: 'Mars/Olympus' }))).toContain(
        'Key times (UTC)',
      );
    });

    it('downloads the same Markdown and JSON as npm run export', async () => {
      const exporter = createPostmortemRenderer({ store, policy, clock, chat: slackText });
      for (const format of ['md', 'json'] as const) {
        const response = await pages.get(`/incidents/${checkout}/export.${format}`, 'UALICE');
        expect(response.headers['Content-Disposition']).toBe(`attachment; filename="incident-${checkout}.${format}"`);
        expect(text(response)).toBe(await joined(await exporter.render(checkout, format)));
      }
    });

    it('renders the postmortem as HTML with its chart as SVG', async () => {
      const html = text(await pages.get(`/incidents/${checkout}/postmortem`, 'UALICE'));
      expect(html).toContain(`<h1>Postmortem: #${checkout} Checkout &lt;b&gt;errors&lt;/b&gt;</h1>`);
      expect(html).toContain('<strong>Draft</strong>');
      for (const heading of ['Summary', 'Key times (UTC)', 'Timeline', 'Root cause', 'Impact', 'Action items'])
        expect(html).toContain(`<h2>${heading}</h2>`);
      expect(html).toContain('<svg class="chart"');
      expect(html).not.toContain('```');
    });

    it('sends new timeline entries as Server-Sent Events, from where the page left off', async () => {
      const response = await pages.get(`/incidents/${checkout}/events`, 'UALICE', {
        headers: { 'last-event-id': `${NOW - 150 * MIN}-0` },
      });
      expect(response.headers['Content-Type']).toContain('text/event-stream');
      const sent: string[] = [];
      let heard: () => void = () => undefined;
      const abort = new AbortController();
      const streaming = response.stream!((chunk) => {
        sent.push(chunk);
        heard();
      }, abort.signal);
      const next = () => new Promise<void>((resolve) => (heard = resolve));
      await next(); // what followed the last event the client had
      expect(sent.join('')).toContain('Identified: Database failover under way');
      const waiting = next();
      const id = await pages.recorder.record(
        store,
        entries.note(
          { incidentId: checkout, at: NOW, actorId: 'UBOB' },
          { source: 'Rolled back', body: slackText.read('Rolled back') },
          'n2',
        ),
      );
      await waiting;
      expect(sent.at(-1)).toBe(
        `id: ${NOW}-${id}\nevent: entry\ndata: {"entry":${id},"at":${NOW},"time":"2026-06-30 12:00 UTC","actor":"@UBOB","text":"Rolled back"}\n\n`,
      );
      abort.abort();
      await streaming;
    });

    it('sends an edited entry as it now reads and a removed one’s id, without moving the client’s place', async () => {
      const edits = createTimelineEdits({
        store,
        recorder: pages.recorder,
        conversation: { isMember: async () => false },
        policy,
        clock,
        logger: createLogger('silent'),
        chat: slackText,
      });
      const [note] = await store.timeline.listKind(checkout, 'note');
      const response = await pages.get(`/incidents/${checkout}/events`, 'UALICE', {
        headers: { 'last-event-id': `${NOW}-999999` },
      });
      const sent: string[] = [];
      let heard: () => void = () => undefined;
      const abort = new AbortController();
      const streaming = response.stream!((chunk) => {
        sent.push(chunk);
        heard();
      }, abort.signal);
      const next = () => new Promise<void>((resolve) => (heard = resolve));
      let waiting = next();
      await edits.edit({ entryId: note!.id, actorId: ADMIN, at: NOW - 100 * MIN, text: 'Saw a wombat in the logs' });
      await waiting;
      expect(sent).toEqual([
        `event: edited\ndata: {"entry":${note!.id},"at":${NOW - 100 * MIN},"time":"2026-06-30 10:20 UTC","actor":"@UBOB","text":"Saw a wombat in the logs"}\n\n`,
      ]);
      waiting = next();
      await edits.remove({ entryId: note!.id, actorId: ADMIN });
      await waiting;
      expect(sent.at(-1)).toBe(`event: removed\ndata: {"entry":${note!.id}}\n\n`);
      // Another incident's edits are not this page's.
      const other = (await store.timeline.list(secret))[0]!;
      await edits.remove({ entryId: other.id, actorId: ADMIN });
      abort.abort();
      await streaming;
      expect(sent).toHaveLength(2);
    });
  });

  describe('a private incident', () => {
    const leaks = (html: string) =>
      ['Vault breach', `#${secret}<`, `/incidents/${secret}`, `inc-${secret}-vault`, `C${secret}X`].filter((s) =>
        html.includes(s),
      );

    it('is shown to admins, the people involved and its channel’s members', async () => {
      for (const who of [ADMIN, 'UCMD', 'UDECL', 'UMEMBER']) {
        expect(text(await pages.get('/', who))).toContain('Vault breach');
        expect((await pages.get(`/incidents/${secret}`, who)).status).toBe(200);
      }
    });

    it('is nowhere an outsider looks: list, search, its URL, downloads, events, insights and CSV', async () => {
      expect(leaks(text(await pages.get('/', OUTSIDER)))).toEqual([]);
      expect(leaks(text(await pages.get('/?q=vault', OUTSIDER)))).toEqual([]);
      expect(leaks(text(await pages.get('/?type=security', OUTSIDER)))).toEqual([]);
      const missing = await pages.get('/incidents/9999', OUTSIDER);
      expect(missing.status).toBe(404);
      for (const path of ['', '/postmortem', '/export.md', '/export.json', '/events']) {
        const response = await pages.get(`/incidents/${secret}${path}`, OUTSIDER);
        expect(response).toEqual(missing);
      }
      const range = `period=week&from=${new Date(NOW - 2 * DAY).toISOString().slice(0, 10)}&to=${new Date(NOW).toISOString().slice(0, 10)}`;
      const insights = text(await pages.get(`/insights?${range}`, OUTSIDER));
      expect(leaks(insights)).toEqual([]);
      const declared = async (userId: string) =>
        csvRows(await pages.get(`/insights.csv?chart=declared&${range}`, userId));
      expect(await declared(OUTSIDER)).toEqual([
        ['period', 'severity', 'incidents'],
        ['2026-W27', 'SEV1', '1'],
      ]);
      expect(await declared(ADMIN)).toEqual([
        ['period', 'severity', 'incidents'],
        ['2026-W27', 'SEV1', '2'],
      ]);
    });
  });

  it('draws each insight as SVG with its numbers as text, and links its CSV', async () => {
    const html = text(await pages.get('/insights?period=month&from=2026-04-01&to=2026-06-30', ADMIN));
    expect(html.match(/<svg class="chart"/g)?.length).toBe(9);
    expect(html).toContain(
      'href="/insights.csv?chart=declared&amp;period=month&amp;from=2026-04-01&amp;to=2026-06-30"',
    );
    expect(html).toMatch(/<text[^>]*>15<\/text>/); // 2026-04 SEV2: fifteen incidents
    expect((await pages.get('/insights?period=year', ADMIN)).status).toBe(400);
    expect((await pages.get('/insights.csv?chart=nope', ADMIN)).status).toBe(400);
  });

  it('serves its own stylesheet and script, and knows no other path', async () => {
    expect((await pages.get('/assets/console.css', 'UALICE')).headers['Content-Type']).toContain('text/css');
    expect((await pages.get('/assets/console.js', 'UALICE')).headers['Content-Type']).toContain('javascript');
    expect((await pages.get('/nothing', 'UALICE')).body).toBe('no page');
  });
});
