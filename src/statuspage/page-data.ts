import type { Policy } from '../config/policy';
import type { Store } from '../store';
import { type Component, componentsOf } from './components';
import type { ComponentStatus, Maintenance, PublicIncident, Publication } from './statuspage.types';
import { type UptimeDay, uptimeDays, uptimeOver } from './uptime';

export interface PageComponent extends Component {
  status: ComponentStatus;
  createdAt: number;
  updatedAt: number;
  days: UptimeDay[];
  /** Over the last historyDays days; null: no data. */
  uptime: number | null;
}

export interface PageIncident extends PublicIncident {
  /** Newest first. */
  updates: Publication[];
}

/** Everything the page shows, read in one go: only the status page's own tables, never an incident. */
export interface PageData {
  now: number;
  title: string;
  /** The public base address (no trailing slash), or null. */
  url: string | null;
  timezone: string;
  updatedAt: number;
  components: PageComponent[];
  /** Open ones, and those resolved within historyDays; newest first. */
  incidents: PageIncident[];
  /** Not over, or ended within historyDays; cancelled ones are left off. */
  maintenances: Maintenance[];
}

const DAY = 86_400_000;

export async function loadPageData(
  store: Pick<Store, 'statusPage' | 'transaction'>,
  policy: Policy,
  now: number,
): Promise<PageData> {
  const page = policy.statusPage;
  const timezone = page.timezone ?? policy.timezone;
  const since = now - page.historyDays * DAY;
  // One transaction: a publication committing meanwhile is seen whole or not at all.
  const read = await store.transaction(async (tx) => ({
    known: await tx.statusPage.components(),
    current: await tx.statusPage.currentStatuses(),
    history: await tx.statusPage.historySince(since - DAY),
    incidents: await tx.statusPage.incidentsSince(since),
    publications: await tx.statusPage.publicationsSince(since),
    maintenances: await tx.statusPage.maintenancesSince(since),
  }));
  const created = new Map(read.known.map((c) => [c.id, c.createdAt]));
  const components = componentsOf(policy.services).map((c): PageComponent => {
    const changes = read.history.filter((h) => h.componentId === c.id);
    const createdAt = created.get(c.id) ?? now;
    const days = uptimeDays({
      changes,
      createdAt,
      now,
      days: page.historyDays,
      timezone,
      weight: page.partialOutageWeight,
    });
    return {
      ...c,
      status: read.current.get(c.id) ?? 'operational',
      createdAt,
      updatedAt: changes.at(-1)?.at ?? createdAt,
      days,
      uptime: uptimeOver(days, page.partialOutageWeight),
    };
  });
  const incidents = read.incidents.map((i) => ({
    ...i,
    updates: read.publications.filter((p) => p.incidentPublicId === i.publicId).reverse(),
  }));
  const maintenances = read.maintenances.filter((m) => m.state !== 'cancelled');
  const updatedAt = Math.max(
    0,
    ...incidents.map((i) => i.updatedAt),
    ...maintenances.map((m) => m.updatedAt),
    ...components.map((c) => c.updatedAt),
  );
  return { now, title: page.title, url: page.url, timezone, updatedAt, components, incidents, maintenances };
}
