import type { PageComponent, PageData, PageIncident } from './page-data';
import type { ComponentStatus, Impact, Maintenance } from './statuspage.types';
import { STATUS_ORDER, worse } from './statuspage.types';

/**
 * Atlassian Statuspage's public API v2 shapes (summary.json and friends), so existing widgets and
 * scrapers read the page. Made only from PageData: what was published.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const PAGE_ID = 'commander';

export const groupId = (group: string) =>
  `group-${group
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

export const incidentPath = (publicId: string) => `/incidents/${publicId}`;
const link = (data: PageData, path: string) => `${data.url ?? ''}${path}`;

/** Drills say so wherever their name is shown. */
export const incidentName = (i: { name: string; drill: boolean }) => (i.drill ? `[Drill] ${i.name}` : i.name);

function page(data: PageData) {
  return {
    id: PAGE_ID,
    name: data.title,
    url: data.url ?? '',
    time_zone: data.timezone,
    updated_at: iso(data.updatedAt || data.now),
  };
}

function component(c: PageComponent) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: null,
    showcase: true,
    start_date: iso(c.createdAt)?.slice(0, 10) ?? null,
    group_id: c.group === null ? null : groupId(c.group),
    page_id: PAGE_ID,
    group: false,
    only_show_if_degraded: false,
    /** Not in Statuspage's shape: uptime over the last historyDays days, in percent (null: no data). */
    uptime: c.uptime === null ? null : Math.floor(c.uptime * 10_000 + 1e-6) / 100,
  };
}

/** The groups, as Statuspage lists them beside the components. */
function groups(data: PageData) {
  const names = [...new Set(data.components.flatMap((c) => (c.group === null ? [] : [c.group])))];
  return names.map((name) => {
    const members = data.components.filter((c) => c.group === name);
    return {
      id: groupId(name),
      name,
      status: members.map((c) => c.status).reduce<ComponentStatus>(worse, 'operational'),
      created_at: iso(Math.min(...members.map((c) => c.createdAt))),
      updated_at: iso(Math.max(...members.map((c) => c.updatedAt))),
      position: Math.min(...members.map((c) => c.position)),
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: PAGE_ID,
      group: true,
      only_show_if_degraded: false,
      components: members.map((c) => c.id),
    };
  });
}

function components(data: PageData) {
  return [...data.components.map((c) => component(c)), ...groups(data)];
}

function incident(data: PageData, i: PageIncident) {
  const touched = new Set(i.updates.flatMap((u) => u.affected.map((a) => a.code)));
  return {
    id: i.publicId,
    name: incidentName(i),
    status: i.status,
    impact: i.impact,
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    started_at: iso(i.createdAt),
    monitoring_at: iso(i.monitoringAt),
    resolved_at: iso(i.resolvedAt),
    shortlink: link(data, incidentPath(i.publicId)),
    page_id: PAGE_ID,
    components: data.components.filter((c) => touched.has(c.id)).map((c) => component(c)),
    incident_updates: i.updates.map((u) => ({
      id: u.publicId,
      status: u.status,
      body: u.body,
      incident_id: i.publicId,
      created_at: iso(u.at),
      updated_at: iso(u.at),
      display_at: iso(u.at),
      affected_components: u.affected,
    })),
  };
}

export type MaintenanceStatus = 'scheduled' | 'in_progress' | 'completed';
export const maintenanceStatus = (m: Maintenance): MaintenanceStatus =>
  m.state === 'in_progress' ? 'in_progress' : m.state === 'scheduled' ? 'scheduled' : 'completed';

function maintenance(data: PageData, m: Maintenance) {
  return {
    id: m.publicId,
    name: m.title,
    status: maintenanceStatus(m),
    impact: 'maintenance',
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    started_at: iso(m.startsAt),
    monitoring_at: null,
    resolved_at: m.state === 'completed' ? iso(m.updatedAt) : null,
    shortlink: link(data, '/'),
    page_id: PAGE_ID,
    scheduled_for: iso(m.startsAt),
    scheduled_until: iso(m.endsAt),
    components: data.components.filter((c) => m.components.includes(c.id)).map((c) => component(c)),
    incident_updates: m.message
      ? [
          {
            id: `${m.publicId}-notice`,
            status: 'scheduled',
            body: m.message,
            incident_id: m.publicId,
            created_at: iso(m.createdAt),
            updated_at: iso(m.createdAt),
            display_at: iso(m.createdAt),
            affected_components: [],
          },
        ]
      : [],
  };
}

const INDICATOR: Record<ComponentStatus, Impact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};
const DESCRIPTION = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

/** The page's overall state: its worst component, or maintenance when that is all there is. */
export function overall(data: PageData): { indicator: keyof typeof DESCRIPTION; description: string } {
  const worst = data.components.map((c) => c.status).reduce<ComponentStatus>(worse, 'operational');
  const indicator = INDICATOR[worst] === 'none' && STATUS_ORDER.indexOf(worst) > 0 ? 'maintenance' : INDICATOR[worst];
  return { indicator, description: DESCRIPTION[indicator] };
}

const unresolved = (data: PageData) => data.incidents.filter((i) => i.resolvedAt === null);
const upcoming = (data: PageData) => data.maintenances.filter((m) => m.state === 'scheduled');
const active = (data: PageData) => data.maintenances.filter((m) => m.state === 'in_progress');

/** Every document under /api/v2/, by its path there. */
export function apiDocuments(data: PageData): Record<string, unknown> {
  const p = page(data);
  const incidents = (list: PageIncident[]) => list.map((i) => incident(data, i));
  const maintenances = (list: Maintenance[]) => list.map((m) => maintenance(data, m));
  return {
    'summary.json': {
      page: p,
      components: components(data),
      incidents: incidents(unresolved(data)),
      scheduled_maintenances: maintenances([...active(data), ...upcoming(data)]),
      status: overall(data),
    },
    'status.json': { page: p, status: overall(data) },
    'components.json': { page: p, components: components(data) },
    'incidents.json': { page: p, incidents: incidents(data.incidents.slice(0, 50)) },
    'incidents/unresolved.json': { page: p, incidents: incidents(unresolved(data)) },
    'scheduled-maintenances.json': { page: p, scheduled_maintenances: maintenances(data.maintenances.slice(-50)) },
    'scheduled-maintenances/upcoming.json': { page: p, scheduled_maintenances: maintenances(upcoming(data)) },
    'scheduled-maintenances/active.json': { page: p, scheduled_maintenances: maintenances(active(data)) },
  };
}
