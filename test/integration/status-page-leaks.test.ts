import { APP_ENGINES, appDatabase } from '../support/app-engines';
import { type Harness, PEOPLE, startHarness } from '../support/harness';

/**
 * The Done-when of issue 27: random incident histories (private incidents, drills refused,
 * internal updates never published, published ones, maintenance), then every byte served on
 * STATUS_PORT is read and compared with what was published: nothing else may be there.
 */

const POLICY = {
  services: [
    { id: 'payments', name: 'Payments service', public: { name: 'Payments', group: 'Checkout' } },
    { id: 'api', name: 'Public API', public: { name: 'API' } },
    { id: 'ledger-db', name: 'Ledger database' },
  ],
  statusPage: { title: 'Acme Status' },
  // Admins schedule maintenance.
  admins: [PEOPLE.alice],
};
const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
const OUTAGES = ['degraded_performance', 'partial_outage', 'major_outage'] as const;

/** A small seeded generator, so a failure can be replayed from its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

async function crawl(h: Harness): Promise<Map<string, string>> {
  const read = async (path: string) => (await fetch(`${h.statusUrl}${path}`)).text();
  const paths = [
    '/',
    '/history',
    '/style.css',
    '/feed.atom',
    '/feed.rss',
    '/badge.svg',
    '/badge/payments.svg',
    '/badge/api.svg',
    ...[
      'summary.json',
      'status.json',
      'components.json',
      'incidents.json',
      'incidents/unresolved.json',
      'scheduled-maintenances.json',
      'scheduled-maintenances/upcoming.json',
      'scheduled-maintenances/active.json',
    ].map((p) => `/api/v2/${p}`),
  ];
  const served = new Map<string, string>();
  for (const path of paths) served.set(path, await read(path));
  for (const incident of JSON.parse(served.get('/api/v2/incidents.json') as string).incidents as Array<{ id: string }>)
    served.set(`/incidents/${incident.id}`, await read(`/incidents/${incident.id}`));
  return served;
}

describe.each(APP_ENGINES)('what the status page serves (%s)', (engine) => {
  const database = appDatabase(engine);

  it.each([1, 2, 3])('after a random incident history (seed %i), holds only what was published', async (seed) => {
    const h = await startHarness({ ...(await database.options()), statusPage: true, policy: POLICY });
    try {
      const next = random(seed);
      const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
      const published = new Set<string>();
      for (let n = 0; n < 6; n++) {
        const isPrivate = next() < 0.3;
        const { incident } = await h.commander.incidents.declare({
          key: `leak-${seed}-${n}`,
          title: `SECRET-title-${n}`,
          severity: pick(['SEV1', 'SEV2', 'SEV3']),
          impact: `SECRET-impact-${n}`,
          commanderId: PEOPLE.bob,
          declaredBy: PEOPLE.alice,
          isPrivate,
        });
        const components = ['payments', 'api', 'ledger-db'].filter(() => next() < 0.6);
        for (const c of components) await h.store.incidentServices.add(incident.id, c, h.clock.now(), PEOPLE.alice);
        const publicOnes = components.filter((c) => c !== 'ledger-db');
        for (let u = 0; u < 4; u++) {
          h.clock.advance(Math.floor(next() * 30) * 60_000 + 60_000);
          if (next() < 0.5) {
            await h.commander.incidents.postUpdate({
              incidentId: incident.id,
              key: `leak-${seed}-${n}-${u}`,
              status: pick(['investigating', 'identified', 'mitigating', 'monitoring'] as const),
              summary: `SECRET-update-${n}-${u}`,
              impact: 'SECRET-impact',
              nextSteps: 'SECRET-next',
              authorId: PEOPLE.bob,
            });
            continue;
          }
          const text = `PUBLIC-${seed}-${n}-${u}`;
          const attempt = h.commander.statusPage.publish({
            incidentId: incident.id,
            by: PEOPLE.bob,
            name: `PUBLIC-name-${seed}-${n}`,
            status: pick(STATUSES),
            body: text,
            components: Object.fromEntries(publicOnes.map((c) => [c, pick(OUTAGES)])),
          });
          if (isPrivate) await expect(attempt).rejects.toMatchObject({ code: 'private_incident' });
          else {
            await attempt;
            published.add(text).add(`PUBLIC-name-${seed}-${n}`);
          }
        }
      }
      if (next() < 0.7) {
        const start = h.clock.now() + 600_000;
        await h.commander.statusPage.maintenance.create({
          title: `PUBLIC-maintenance-${seed}`,
          components: ['api'],
          startsAt: start,
          endsAt: start + 600_000,
          message: `PUBLIC-maintenance-message-${seed}`,
          by: PEOPLE.alice,
        });
        published.add(`PUBLIC-maintenance-${seed}`).add(`PUBLIC-maintenance-message-${seed}`);
        h.clock.set(start + 1);
        await h.commander.tick();
      }
      await h.commander.idle();
      await h.commander.statusServer?.settled();

      expect(published.size).toBeGreaterThan(0);
      const served = await crawl(h);
      const everything = [...served.values()].join('\n');
      const shown = new Set(everything.match(/PUBLIC-[a-z-]*\d+(?:-\d+)*/g) ?? []);
      // Nothing that was not published…
      expect([...shown].filter((t) => !published.has(t))).toEqual([]);
      expect(everything).not.toMatch(/SECRET|Ledger database|ledger-db/);
      // …no Slack ids or channels…
      expect(everything).not.toMatch(/\b[UWC][A-Z0-9]{8,}\b/);
      expect(everything).not.toMatch(/inc-\d+/);
      // …no internal incident number among the ids…
      const ids = JSON.parse(served.get('/api/v2/incidents.json') as string).incidents.map(
        (i: { id: unknown }) => i.id,
      );
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]{12}$/);
      // …and everything that was published, there.
      expect([...published].filter((t) => !shown.has(t))).toEqual([]);
      for (const [path, text] of served)
        expect({ path, bytes: Buffer.byteLength(text) < 50_000 }).toEqual({ path, bytes: true });
    } finally {
      await h.stop();
    }
  });
});
