import escapeHtml from 'escape-html';
import { formatDuration } from '../../config/duration';
import type { Chart } from './charts';

const e = (text: string | number) => escapeHtml(String(text));
const HEIGHT = 240;
const TOP = 24;
const BOTTOM = 40;
const LEFT = 10;
const BAR = 22;
const GAP = 14;

/**
 * The chart's drawn column as grouped bars (one group per period, one bar per severity), each
 * bar's value written above it as text, so the numbers read without the bars.
 */
export function barChartSvg(chart: Chart, severities: readonly string[]): string {
  const column = chart.columns.indexOf(chart.drawn.column);
  const periods = [...new Set(chart.rows.map((r) => String(r[0])))];
  const shown = severities.filter((s) => chart.rows.some((r) => r[1] === s));
  const value = (period: string, severity: string) => {
    const row = chart.rows.find((r) => r[0] === period && r[1] === severity);
    const v = row?.[column];
    return typeof v === 'number' ? v : null;
  };
  const label = (v: number) => (chart.drawn.duration ? formatDuration(v) : chart.drawn.percent ? `${v}%` : String(v));
  const max = Math.max(1, ...chart.rows.map((r) => (typeof r[column] === 'number' ? (r[column] as number) : 0)));
  const groupWidth = Math.max(1, shown.length) * BAR + GAP;
  const width = Math.max(320, LEFT * 2 + periods.length * groupWidth);
  const scale = (v: number) => (v / max) * (HEIGHT - TOP - BOTTOM);
  const bars: string[] = [];
  periods.forEach((period, p) => {
    const x0 = LEFT + p * groupWidth;
    shown.forEach((severity, s) => {
      const v = value(period, severity);
      if (v === null) return;
      const h = scale(v);
      const x = x0 + s * BAR;
      const y = HEIGHT - BOTTOM - h;
      bars.push(
        `<g><title>${e(`${period} ${severity}: ${label(v)}`)}</title><rect class="s${severities.indexOf(severity) % 10}" x="${x}" y="${y.toFixed(1)}" width="${BAR - 4}" height="${h.toFixed(1)}"/><text x="${x + (BAR - 4) / 2}" y="${(y - 3).toFixed(1)}" text-anchor="middle">${e(label(v))}</text></g>`,
      );
    });
    bars.push(`<text x="${x0}" y="${HEIGHT - BOTTOM + 14}">${e(period)}</text>`);
  });
  const legend = shown
    .map(
      (s, i) =>
        `<rect class="s${severities.indexOf(s) % 10}" x="${LEFT + i * 80}" y="${HEIGHT - 16}" width="10" height="10"/><text x="${LEFT + i * 80 + 14}" y="${HEIGHT - 7}">${e(s)}</text>`,
    )
    .join('');
  return `<svg class="chart" role="img" aria-label="${e(chart.title)}" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
${bars.join('\n')}
${legend}
</svg>`;
}
