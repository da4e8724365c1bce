import type { ConsoleDeps } from '../pages/console.deps';
import { badRequest, e, page } from '../pages/html';
import type { ReaderScope } from '../pages/reader-scope';
import type { WebRequest, WebResponse } from '../console.types';
import { formatDuration } from '../../config/duration';
import { barChartSvg } from './bar-chart-svg';
import { type Cell, type Chart, charts, groupFigures } from './charts';
import { csv } from './csv';
import { insightFigures } from './insight-figures';
import { type InsightsRange, parseInsightsQuery } from './insights-query';

/** The charts of a range, for what the reader may see. */
async function chartsFor(deps: ConsoleDeps, range: InsightsRange, scope: ReaderScope): Promise<Chart[]> {
  const figures = await insightFigures(deps, range, scope.visible, deps.clock.now());
  return charts(groupFigures(figures, deps.policy, range.period));
}

const rangeQuery = (r: InsightsRange) => `period=${r.period}&from=${r.fromDay}&to=${r.toDay}`;

function cellHtml(column: string, value: Cell): string {
  if (value === null) return '—';
  if (typeof value === 'number' && column.endsWith('_ms'))
    return `${e(formatDuration(value))} <small>(${value} ms)</small>`;
  return e(value);
}

function chartHtml(chart: Chart, range: InsightsRange, severities: string[]): string {
  const table =
    chart.rows.length === 0
      ? '<p>No incidents in this range.</p>'
      : `${barChartSvg(chart, severities)}
<table><thead><tr>${chart.columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>
${chart.rows.map((row) => `<tr>${row.map((v, i) => `<td>${cellHtml(chart.columns[i] as string, v)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
  return `<section id="${e(chart.id)}"><h2>${e(chart.title)}</h2><p>${e(chart.about)}</p>
${table}
<p><a href="/insights.csv?chart=${e(chart.id)}&amp;${e(rangeQuery(range))}" download>CSV</a></p></section>`;
}

/** `/insights`: each figure by severity, per week or month, drills left out. */
export async function insightsPage(deps: ConsoleDeps, request: WebRequest, scope: ReaderScope): Promise<WebResponse> {
  const range = parseInsightsQuery(request.query, deps.policy, deps.clock.now());
  if ('error' in range) return badRequest(range.error);
  const all = await chartsFor(deps, range, scope);
  const severities = [
    ...deps.policy.severities.map((s) => s.id),
    ...new Set(all[0]?.rows.map((r) => String(r[1])).filter((s) => !deps.policy.severities.some((p) => p.id === s))),
  ];
  const form = `<form class="filters" method="get" action="/insights">
<label>Per<select name="period"><option value="month"${range.period === 'month' ? ' selected' : ''}>Month</option><option value="week"${range.period === 'week' ? ' selected' : ''}>Week</option></select></label>
<label>From<input type="date" name="from" value="${e(range.fromDay)}"></label>
<label>To<input type="date" name="to" value="${e(range.toDay)}"></label>
<button type="submit">Show</button></form>`;
  const main = `<h1>Insights</h1>
<p>Incidents declared from ${e(range.fromDay)} to ${e(range.toDay)} (${e(deps.policy.timezone)}), by severity, drills left out.</p>
${form}
${all.map((chart) => chartHtml(chart, range, severities)).join('\n')}`;
  return page('Insights', main);
}

/** `/insights.csv?chart=…`: exactly the rows of that chart, for the same range and reader. */
export async function insightsCsv(deps: ConsoleDeps, request: WebRequest, scope: ReaderScope): Promise<WebResponse> {
  const range = parseInsightsQuery(request.query, deps.policy, deps.clock.now());
  if ('error' in range) return badRequest(range.error);
  if (!range.chart) return badRequest('Name the chart: /insights.csv?chart=declared, for one.');
  const chart = (await chartsFor(deps, range, scope)).find((c) => c.id === range.chart) as Chart;
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="commander-${chart.id}-${range.fromDay}-${range.toDay}.csv"`,
    },
    body: csv(chart.columns, chart.rows),
  };
}
