import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';

const SERVICES = [
  { id: 'payments', name: 'Payments service', public: { name: 'Payments', group: 'Checkout' } },
  { id: 'api', name: 'Public API', public: { name: 'API' } },
  { id: 'ledger-db', name: 'Ledger database' },
];
const POLICY = {
  services: SERVICES,
  statusPage: { title: 'Acme Status', url: 'https://status.example.com' },
  // Admins schedule maintenance.
  admins: [PEOPLE.alice],
};

interface Got {
  status: number;
  headers: Headers;
  text: string;
}
async function get(h: Harness, path: string, init: RequestInit = {}): Promise<Got> {
  const res = await fetch(`${h.statusUrl}${path}`, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const json = async (h: Harness, path: string) => JSON.parse((await get(h, path)).text);

/** Parses with a strict, namespace-aware XML parser: throws on anything not well-formed. */
function parseXml(text: string): { names: string[]; texts: Map<string, string[]> } {
  const parser = new SaxesParser({ xmlns: true });
  const names: string[] = [];
  const texts = new Map<string, string[]>();
  const open: string[] = [];
  parser.on('opentag', (tag) => {
    names.push(tag.local);
    open.push(tag.local);
  });
  parser.on('closetag', () => open.pop());
  parser.on('text', (t) => {
    const at = open.at(-1);
    if (at && t.trim()) texts.set(at, [...(texts.get(at) ?? []), t]);
  });
  parser.write(text).close();
  return { names, texts };
}

let keys = 0;
async function declare(h: Harness, o: { title: string; severity?: string; isPrivate?: boolean; services?: string[] }) {
  const { incident } = await h.commander.incidents.declare({
    key: `status-page-${++keys}`,
    title: o.title,
    severity: o.severity ?? 'SEV1',
    impact: `${o.title} impact`,
    commanderId: PEOPLE.bob,
    declaredBy: PEOPLE.alice,
    isPrivate: o.isPrivate ?? false,
  });
  for (const service of o.services ?? ['payments'])
    await h.store.incidentServices.add(incident.id, service, h.clock.now(), PEOPLE.alice);
  await h.commander.idle();
  return incident;
}

async function settled(h: Harness) {
  await h.commander.idle();
  await h.commander.statusServer?.settled();
}

describe.each(APP_ENGINES)('the status page (%s)', (engine) => {
  const database = appDatabase(engine);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ ...(await database.options()), statusPage: true, policy: POLICY });
  });
  afterEach(async () => h.stop());

  it('shows a published SEV1 on payments as a major outage on /, in summary.json and in the feed, and resolving returns it to operational', async () => {
    const incident = await declare(h, { title: 'SECRET internal title: ledger shard 7 corrupt' });
    await h.commander.statusPage.publish({
      incidentId: incident.id,
      by: PEOPLE.bob,
      name: 'Card payments failing',
      status: 'investigating',
      body: 'Some card payments fail. We are looking into it.',
      components: { payments: 'major_outage' },
    });
    await settled(h);

    const summary = await json(h, '/api/v2/summary.json');
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
    expect(summary.components.find((c: { id: string }) => c.id === 'payments').status).toBe('major_outage');
    expect(summary.incidents).toHaveLength(1);
    expect(summary.incidents[0]).toMatchObject({
      name: 'Card payments failing',
      status: 'investigating',
      impact: 'critical',
    });
    expect(summary.incidents[0].id).toMatch(/^[a-z0-9]{12}$/);
    expect(summary.incidents[0].incident_updates[0].affected_components).toEqual([
      { code: 'payments', name: 'Payments', old_status: 'operational', new_status: 'major_outage' },
    ]);
    const home = (await get(h, '/')).text;
    expect(home).toContain('Major outage');
    expect(home).toContain('Some card payments fail. We are looking into it.');
    expect((await get(h, '/feed.atom')).text).toContain('Card payments failing: Investigating');

    await h.commander.statusPage.publish({
      incidentId: incident.id,
      by: PEOPLE.bob,
      status: 'resolved',
      body: 'Payments work again.',
    });
    await settled(h);
    const after = await json(h, '/api/v2/summary.json');
    expect(after.status.indicator).toBe('none');
    expect(after.components.find((c: { id: string }) => c.id === 'payments').status).toBe('operational');
    expect(after.incidents).toEqual([]);
    const incidents = await json(h, '/api/v2/incidents.json');
    expect(incidents.incidents[0].incident_updates.map((u: { body: string }) => u.body)).toEqual([
      'Payments work again.',
      'Some card payments fail. We are looking into it.',
    ]);
    // Only what was published: never the internal title, and the internal services are no component.
    for (const path of ['/', '/history', `/incidents/${summary.incidents[0].id}`, '/api/v2/components.json']) {
      const { text } = await get(h, path);
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain('ledger-db');
      expect(text).not.toContain('Ledger database');
    }
  });

  it('refuses to publish a private incident, whoever asks, and a person who is not commander, comms or admin', async () => {
    const secret = await declare(h, { title: 'Breach', isPrivate: true });
    await expect(
      h.commander.statusPage.publish({
        incidentId: secret.id,
        by: PEOPLE.bob,
        name: 'x',
        status: 'investigating',
        body: 'x',
      }),
    ).rejects.toMatchObject({ code: 'private_incident' });
    const open = await declare(h, { title: 'Slow API', services: ['api'] });
    await expect(
      h.commander.statusPage.publish({
        incidentId: open.id,
        by: PEOPLE.carol,
        name: 'x',
        status: 'investigating',
        body: 'x',
      }),
    ).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(
      h.commander.statusPage.publish({
        incidentId: open.id,
        by: PEOPLE.bob,
        name: 'x',
        status: 'investigating',
        body: 'x',
        components: { payments: 'major_outage' },
      }),
    ).rejects.toMatchObject({ code: 'unknown_component' });
    expect((await json(h, '/api/v2/incidents.json')).incidents).toEqual([]);
  });

  it('answers a repeated request carrying the ETag with 304, HEAD without a body, other methods 405 and other paths 404, with Cache-Control and the CSP on each and no cookie', async () => {
    const first = await get(h, '/api/v2/summary.json');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(h, '/api/v2/summary.json', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const head = await get(h, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect((await get(h, '/', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await get(h, '/slack/events')).status).toBe(404);
    expect((await get(h, '/metrics')).status).toBe(404);
    for (const r of [first, again, head, await get(h, '/nope')]) {
      expect(r.headers.get('cache-control')).toBeTruthy();
      expect(r.headers.get('content-security-policy')).toBe("default-src 'self'");
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  it('sends a page gzipped to a reader that accepts it (the same bytes, its own ETag) and as it is to one that does not', async () => {
    const raw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${h.statusUrl}/`, { headers: { 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const plain = await raw('identity');
    const zipped = await raw('br, gzip;q=0.8');
    const refused = await raw('gzip;q=0');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
  });

  it('serves feeds that parse as XML, whose entry ids stay the same across a restart', async () => {
    const incident = await declare(h, { title: 'Checkout & <co>' });
    for (const [status, body] of [
      ['investigating', 'Payments fail <sometimes> & "randomly"'],
      ['identified', 'A bad deploy; rolling back.'],
    ] as const) {
      h.clock.advance(60_000);
      await h.commander.statusPage.publish({
        incidentId: incident.id,
        by: PEOPLE.bob,
        name: 'Payments & <checkout>',
        status,
        body,
        components: { payments: 'partial_outage' },
      });
    }
    await settled(h);
    const atom = parseXml((await get(h, '/feed.atom')).text);
    const rss = parseXml((await get(h, '/feed.rss')).text);
    const atomIds = atom.texts.get('id')?.slice(1);
    const rssIds = rss.texts.get('guid');
    expect(atomIds).toHaveLength(2);
    expect(rssIds).toEqual(atomIds);
    expect(atom.texts.get('content')).toEqual([
      'A bad deploy; rolling back.',
      'Payments fail <sometimes> & "randomly"',
    ]);
    parseXml((await get(h, '/badge.svg')).text);
    expect(parseXml((await get(h, '/badge/payments.svg')).text).texts.get('title')).toEqual([
      'Payments: partial outage',
    ]);

    await h.restart();
    await settled(h);
    expect(
      parseXml((await get(h, '/feed.atom')).text)
        .texts.get('id')
        ?.slice(1),
    ).toEqual(atomIds);
    expect(parseXml((await get(h, '/feed.rss')).text).texts.get('guid')).toEqual(rssIds);
  });

  it('shows maintenance as upcoming at once, flips its components at its start and back at its end, once', async () => {
    const start = h.clock.now() + 3_600_000;
    const m = await h.commander.statusPage.maintenance.create({
      title: 'Database upgrade',
      components: ['payments', 'api'],
      startsAt: start,
      endsAt: start + 1_800_000,
      message: 'Payments may be slow.',
      by: PEOPLE.alice,
    });
    await settled(h);
    const upcoming = await json(h, '/api/v2/scheduled-maintenances/upcoming.json');
    expect(upcoming.scheduled_maintenances.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([
      [m.publicId, 'scheduled'],
    ]);

    h.clock.set(start + 1_000);
    expect((await h.commander.tick()).maintenance).toBe(1);
    expect((await h.commander.tick()).maintenance).toBe(0);
    await settled(h);
    const during = await json(h, '/api/v2/summary.json');
    expect(during.status.indicator).toBe('maintenance');
    expect(
      during.components.filter((c: { group: boolean }) => !c.group).map((c: { status: string }) => c.status),
    ).toEqual(['under_maintenance', 'under_maintenance']);
    expect((await json(h, '/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances).toHaveLength(1);

    h.clock.set(start + 1_800_000);
    expect((await h.commander.tick()).maintenance).toBe(1);
    await settled(h);
    const after = await json(h, '/api/v2/components.json');
    expect(after.components.every((c: { status: string }) => c.status === 'operational')).toBe(true);
    // Maintenance counts as up.
    expect(after.components.find((c: { id: string }) => c.id === 'payments').uptime).toBe(100);
  });
});
