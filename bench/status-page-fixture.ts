import type { PublicStatus } from '../src/statuspage/statuspage.types';
import type { Harness } from '../test/support/harness';
import { PEOPLE } from '../test/support/harness';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const GROUPS = ['Checkout', 'Platform', 'Integrations', 'Dashboards'];
const NAMES = [
  'Payments',
  'Refunds',
  'Invoices',
  'Subscriptions',
  'Public API',
  'Webhooks',
  'Authentication',
  'Search',
  'File uploads',
  'Email delivery',
  'SMS delivery',
  'Slack app',
  'Salesforce sync',
  'Zapier',
  'Data export',
  'Web dashboard',
  'Mobile app',
  'Reports',
  'Analytics',
  'Notifications',
];

/** A catalog of 20 public services in 4 groups, and the page's title and URL. */
export const STATUS_PAGE_POLICY = {
  services: NAMES.map((name, i) => ({
    id: name.toLowerCase().replace(/[^a-z]+/g, '-'),
    name: `${name} service`,
    public: { name, group: GROUPS[i % GROUPS.length] },
  })),
  statusPage: { title: 'Acme Status', url: 'https://status.example.com' },
  // Admins schedule maintenance.
  admins: [PEOPLE.alice],
};
const IDS = STATUS_PAGE_POLICY.services.map((s) => s.id);

const MESSAGE =
  'Some customers see errors or slow responses. We have found the cause in a configuration change and are rolling it back; the next update follows within 30 minutes.';

let keys = 0;
async function publishedIncident(
  h: Harness,
  o: { name: string; components: string[]; outage: 'major_outage' | 'partial_outage'; resolve: boolean },
): Promise<void> {
  const { incident } = await h.commander.incidents.declare({
    key: `bench-status-${++keys}`,
    title: `internal: ${o.name}`,
    severity: o.outage === 'major_outage' ? 'SEV1' : 'SEV2',
    impact: 'customers affected',
    commanderId: PEOPLE.bob,
    declaredBy: PEOPLE.alice,
    isPrivate: false,
  });
  for (const id of o.components) await h.store.incidentServices.add(incident.id, id, h.clock.now(), PEOPLE.alice);
  const components = Object.fromEntries(o.components.map((id) => [id, o.outage]));
  const steps: PublicStatus[] = [
    'investigating',
    'identified',
    'monitoring',
    ...(o.resolve ? ['resolved' as const] : []),
  ];
  for (const [n, status] of steps.entries()) {
    await h.commander.statusPage.publish({
      incidentId: incident.id,
      by: PEOPLE.bob,
      ...(n === 0 ? { name: o.name, components } : {}),
      status,
      body: `${status === 'resolved' ? 'Resolved. ' : ''}${MESSAGE} (update ${n + 1})`,
    });
    h.clock.advance(40 * 60_000);
  }
}

/**
 * A page as a team would have it after a quarter: the catalog above added 90 days ago, an incident
 * of 4 public updates about every 5 days since, 3 open incidents with 3 updates each, and
 * maintenance coming tomorrow. Moves the harness's clock on by 90 days.
 */
export async function fillStatusPage(h: Harness): Promise<void> {
  for (let day = 1; day < 90; day += 5) {
    h.clock.advance(5 * DAY);
    await publishedIncident(h, {
      name: `Elevated errors on ${NAMES[day % NAMES.length]}`,
      components: [IDS[day % IDS.length]!, IDS[(day + 7) % IDS.length]!],
      outage: day % 2 === 0 ? 'major_outage' : 'partial_outage',
      resolve: true,
    });
  }
  h.clock.advance(3 * HOUR);
  for (const [n, name] of ['Card payments failing', 'Webhooks delayed', 'Slow search'].entries())
    await publishedIncident(h, {
      name,
      components: [IDS[n * 4]!, IDS[n * 4 + 1]!],
      outage: n === 0 ? 'major_outage' : 'partial_outage',
      resolve: false,
    });
  await h.commander.statusPage.maintenance.create({
    title: 'Database upgrade',
    components: [IDS[0]!, IDS[4]!],
    startsAt: h.clock.now() + DAY,
    endsAt: h.clock.now() + DAY + 2 * HOUR,
    message: 'Payments and the API may answer slowly for a few minutes while the database is upgraded.',
    by: PEOPLE.alice,
  });
  await h.commander.idle();
  await h.commander.statusServer?.settled();
}
