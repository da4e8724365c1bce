import { formatDuration } from '../../config/duration';
import { isUpdateOverdue } from '../../incidents/cadence';
import { findType, isDrill } from '../../incidents/incident-types';
import { type Incident, STATUS_LABELS, STATUSES } from '../../incidents/incident.types';
import { servicesNamed } from '../../incidents/affected-services';
import type { Reader, WebRequest } from '../console.types';
import type { ConsoleDeps } from './console.deps';
import { badRequest, e, page } from './html';
import { type ListQuery, parseListQuery } from './list-query';
import type { ReaderScope } from './reader-scope';

export const PAGE_SIZE = 50;

/** `/`: the incidents the reader may see, open first, filtered and searched by the query, a page at a time. */
export async function listPage(deps: ConsoleDeps, request: WebRequest, _reader: Reader, scope: ReaderScope) {
  const { store, policy, clock } = deps;
  const parsed = parseListQuery(request.query, policy);
  if ('error' in parsed) return badRequest(parsed.error);
  const { incidents, total } = await store.console.listPage(parsed.filter, await scope.privateScope(), {
    offset: (parsed.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const services = await store.console.servicesOf(incidents.map((i) => i.id));
  const names = await store.people.all();
  const now = clock.now();
  const person = (id: string) => e(`@${names.get(id) ?? id}`);
  const rows = incidents.map((incident) => {
    const serviceNames = servicesNamed(policy, services.get(incident.id) ?? []).map((s) => s.name);
    const overdue = isUpdateOverdue(incident, policy, now);
    return `<tr><td><a href="/incidents/${incident.id}">#${incident.id}</a></td><td><a href="/incidents/${incident.id}">${e(incident.title)}</a>${marks(incident)}</td>
<td>${e(incident.severity)}</td><td>${e(STATUS_LABELS[incident.status])}</td><td>${e(findType(policy, incident.type)?.name ?? incident.type)}</td>
<td>${e(serviceNames.join(', '))}</td><td>${person(incident.commanderId)}</td><td>${e(formatDuration(Math.max(0, (incident.resolvedAt ?? now) - incident.declaredAt)))}</td>
<td>${overdue ? '<span class="overdue">Update overdue</span>' : ''}</td></tr>`;
  });
  const table =
    rows.length === 0
      ? '<p>No incidents match.</p>'
      : `<table><thead><tr><th>#</th><th>Title</th><th>Severity</th><th>Status</th><th>Type</th><th>Services</th><th>Commander</th><th>Age</th><th></th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
  const main = `<h1>Incidents</h1>
${filterForm(deps, parsed.query)}
<p>${total} incident${total === 1 ? '' : 's'}${total > PAGE_SIZE ? `, page ${parsed.page} of ${Math.ceil(total / PAGE_SIZE)}` : ''}.</p>
${table}
${pager(request.query, parsed.page, total)}`;
  return page('Incidents', main);
}

function marks(incident: Incident): string {
  return `${isDrill(incident) ? ' <span class="drill">[DRILL]</span>' : ''}${incident.isPrivate ? ' <span class="private">Private</span>' : ''}`;
}

const options = (values: Array<[string, string]>, chosen: string | undefined) =>
  [
    '<option value="">Any</option>',
    ...values.map(([v, label]) => `<option value="${e(v)}"${v === chosen ? ' selected' : ''}>${e(label)}</option>`),
  ].join('');

/** The filter as a GET form: the URL holds it, so it can be shared and bookmarked. */
function filterForm({ policy }: ConsoleDeps, q: ListQuery): string {
  return `<form class="filters" method="get" action="/">
<label>Search<input type="search" name="q" value="${e(q.q ?? '')}" maxlength="200"></label>
<label>Status<select name="status">${options(
    [['open', 'Open'], ['resolved', 'Resolved'], ...STATUSES.map((s): [string, string] => [s, STATUS_LABELS[s]])],
    q.status,
  )}</select></label>
<label>Severity<select name="severity">${options(
    policy.severities.map((s) => [s.id, `${s.id} · ${s.name}`]),
    q.severity,
  )}</select></label>
<label>Service<select name="service">${options(
    policy.services.map((s) => [s.id, s.name]),
    q.service,
  )}</select></label>
<label>Type<select name="type">${options(
    policy.types.map((t) => [t.id, t.name]),
    q.type,
  )}</select></label>
<label>From<input type="date" name="from" value="${e(q.from ?? '')}"></label>
<label>To<input type="date" name="to" value="${e(q.to ?? '')}"></label>
<button type="submit">Filter</button> <a href="/">Clear</a>
</form>`;
}

function pager(query: URLSearchParams, current: number, total: number): string {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return '';
  const link = (n: number, label: string) => {
    const next = new URLSearchParams(query);
    next.set('page', String(n));
    return `<a href="/?${e(next.toString())}">${label}</a>`;
  };
  return `<nav class="pager">${current > 1 ? link(current - 1, '← Newer') : ''}${current < pages ? link(current + 1, 'Older →') : ''}</nav>`;
}
