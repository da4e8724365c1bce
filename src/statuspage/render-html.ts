import escapeHtml from 'escape-html';
import { formatInTimeZone } from '../text/zoned-time';
import type { PageComponent, PageData, PageIncident } from './page-data';
import { incidentName, incidentPath, maintenanceStatus, overall } from './render-api';
import type { ComponentStatus, Maintenance } from './statuspage.types';
import { formatUptime } from './uptime';

/**
 * The page's HTML, server-rendered and usable without JavaScript; its one stylesheet is served
 * beside it (the CSP is `default-src 'self'`, so no inline style and nothing from elsewhere). Every
 * value is escaped with escape-html, nothing by hand.
 */

const e = (text: string | number) => escapeHtml(String(text));

export const STATUS_WORDS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};
const UPDATE_WORDS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
};
/** Short class names keep 90 bars per component small. */
const BAR_CLASS: Record<ComponentStatus, string> = {
  operational: 'o',
  under_maintenance: 'u',
  degraded_performance: 'd',
  partial_outage: 'p',
  major_outage: 'm',
};

const when = (data: PageData, ms: number) => formatInTimeZone(ms, data.timezone, 'd MMM yyyy, HH:mm (zzz)');

function layout(data: PageData, title: string, main: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/atom+xml" title="${e(data.title)}" href="/feed.atom">
<link rel="alternate" type="application/rss+xml" title="${e(data.title)}" href="/feed.rss"></head>
<body><header><a href="/">${e(data.title)}</a></header><main>
${main}
</main><footer><a href="/history">Incident history</a> · <a href="/feed.atom">Atom</a> · <a href="/feed.rss">RSS</a> · <a href="/api/v2/summary.json">API</a></footer></body></html>
`;
}

/** A day's bar: its class and what its title says after the date. */
function dayBar(d: PageComponent['days'][number]): { cls: string; says: string } {
  return d.uptime === null || d.worst === null
    ? { cls: 'n', says: 'no data' }
    : { cls: BAR_CLASS[d.worst], says: formatUptime(d.uptime) };
}

/**
 * One bar a day, but a run of days that read alike (fully up, or no data) is one element drawn as
 * that many bars (`g<n>` in STYLE), titled with its first and last day: 90 days of 20 components
 * are then a few KB, not 75, and the page stays under 50 KB as text.
 */
function bars(c: PageComponent): string {
  const out: string[] = [];
  const days = c.days.map((d) => ({ date: d.date, ...dayBar(d) }));
  for (let i = 0; i < days.length; ) {
    const first = days[i] as (typeof days)[number];
    let j = i + 1;
    const alike = first.cls === 'n' || first.says === formatUptime(1);
    while (alike && j < days.length && days[j]?.cls === first.cls && days[j]?.says === first.says) j++;
    const last = days[j - 1] as (typeof days)[number];
    const run = j - i;
    const dates = run === 1 ? first.date : `${first.date} – ${last.date}`;
    out.push(`<i class="${first.cls}${run === 1 ? '' : ` g${run}`}" title="${dates}: ${e(first.says)}"></i>`);
    i = j;
  }
  return `<div class="bars">${out.join('')}</div>`;
}

function componentRow(c: PageComponent): string {
  return `<li><span class="name">${e(c.name)}</span> <span class="st ${BAR_CLASS[c.status]}">${STATUS_WORDS[c.status]}</span> <span class="up">${e(formatUptime(c.uptime))} uptime</span>${bars(c)}</li>`;
}

function componentsSection(data: PageData): string {
  const groups: Array<[string | null, PageComponent[]]> = [];
  for (const c of data.components) {
    const found = groups.find(([g]) => g === c.group);
    if (found) found[1].push(c);
    else groups.push([c.group, [c]]);
  }
  return groups
    .map(
      ([group, list]) =>
        `<section class="group">${group === null ? '' : `<h2>${e(group)}</h2>`}<ul class="components">${list.map(componentRow).join('')}</ul></section>`,
    )
    .join('\n');
}

function updatesList(data: PageData, i: PageIncident): string {
  return `<ol class="updates">${i.updates
    .map(
      (u) =>
        `<li><strong>${e(UPDATE_WORDS[u.status] ?? u.status)}</strong> <time datetime="${new Date(u.at).toISOString()}">${e(when(data, u.at))}</time><p>${e(u.body)}</p></li>`,
    )
    .join('')}</ol>`;
}

function incidentBlock(data: PageData, i: PageIncident): string {
  return `<article class="incident impact-${i.impact}"><h3><a href="${incidentPath(i.publicId)}">${e(incidentName(i))}</a></h3>${updatesList(data, i)}</article>`;
}

function maintenanceBlock(data: PageData, m: Maintenance): string {
  const names = data.components.filter((c) => m.components.includes(c.id)).map((c) => c.name);
  return `<article class="maintenance"><h3>${e(m.title)}</h3><p><strong>${e(UPDATE_WORDS[maintenanceStatus(m)] ?? '')}</strong>: ${e(when(data, m.startsAt))} to ${e(when(data, m.endsAt))}</p><p>${e(names.join(', '))}</p>${m.message ? `<p>${e(m.message)}</p>` : ''}</article>`;
}

export function renderHome(data: PageData): string {
  const status = overall(data);
  const open = data.incidents.filter((i) => i.resolvedAt === null);
  const windows = data.maintenances.filter((m) => m.state === 'scheduled' || m.state === 'in_progress');
  return layout(
    data,
    data.title,
    `<p class="overall ${status.indicator}">${e(status.description)}</p>
${open.length > 0 ? `<section><h2>Active incidents</h2>${open.map((i) => incidentBlock(data, i)).join('')}</section>` : ''}
${windows.length > 0 ? `<section><h2>Maintenance</h2>${windows.map((m) => maintenanceBlock(data, m)).join('')}</section>` : ''}
${componentsSection(data)}`,
  );
}

export function renderIncident(data: PageData, i: PageIncident): string {
  return layout(
    data,
    `${incidentName(i)} · ${data.title}`,
    `<h1>${e(incidentName(i))}</h1><p>${e(UPDATE_WORDS[i.status] ?? i.status)}</p>${updatesList(data, i)}`,
  );
}

export function renderHistory(data: PageData): string {
  const months = new Map<string, PageIncident[]>();
  for (const i of data.incidents) {
    const month = formatInTimeZone(i.createdAt, data.timezone, 'MMMM yyyy');
    months.set(month, [...(months.get(month) ?? []), i]);
  }
  const body = [...months]
    .map(
      ([month, list]) =>
        `<section><h2>${e(month)}</h2><ul>${list.map((i) => `<li><a href="${incidentPath(i.publicId)}">${e(incidentName(i))}</a> <time>${e(when(data, i.createdAt))}</time></li>`).join('')}</ul></section>`,
    )
    .join('');
  return layout(data, `History · ${data.title}`, `<h1>Incident history</h1>${body || '<p>No incidents reported.</p>'}`);
}

/** Classes for runs of 2 to 365 days (the most `historyDays` allows), each drawn as that many bars. */
const RUNS = Array.from({ length: 364 }, (_, i) => `.bars .g${i + 2}{flex:${i + 2};--n:${i + 2}}`).join('');

export const STYLE = `body{font-family:system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem;color:#222}
a{color:#0b5cad}header a{font-size:1.4rem;font-weight:600;text-decoration:none}
.overall{padding:1rem;border-radius:.4rem;color:#fff;background:#2e7d32}.overall.minor{background:#f9a825}
.overall.major{background:#ef6c00}.overall.critical{background:#c62828}.overall.maintenance{background:#1565c0}
.components{list-style:none;padding:0}.components li{padding:.6rem 0;border-bottom:1px solid #eee}
.st{float:right}.up{color:#666;font-size:.85rem}.bars{display:flex;gap:1px;margin-top:.3rem}
.bars i{flex:1;height:1.6rem;border-radius:1px;background:var(--c)}
.bars i[class*=g]{background:repeating-linear-gradient(to right,var(--c) 0 calc(100% / var(--n) - 1px),transparent 0 calc(100% / var(--n)))}
.o{--c:#43a047}.d{--c:#fbc02d}.p{--c:#fb8c00}.m{--c:#e53935}.u{--c:#1e88e5}.n{--c:#ddd}
.st.o{color:#2e7d32}.st.d{color:#b58900}.st.p{color:#ef6c00}.st.m{color:#c62828}.st.u{color:#1565c0}
.updates{list-style:none;padding:0}.updates p{white-space:pre-wrap;margin:.2rem 0 .8rem}footer{margin-top:2rem;color:#666}
${RUNS}
`;
