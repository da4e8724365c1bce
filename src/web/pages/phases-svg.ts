import { formatDuration } from '../../config/duration';
import { STATUS_LABELS } from '../../incidents/incident.types';
import type { StatusPhase } from '../../postmortem/phases';
import { e } from './html';

const WIDTH = 720;
const ROW = 22;
const LABEL = 110;

/**
 * The status phases as a Gantt chart in SVG: one row per phase, its bar from start to end on one
 * time axis, its name and length as text (readable without the bars); severity changes as ticks.
 */
export function phasesSvg(
  phases: readonly StatusPhase[],
  severityChanges: ReadonlyArray<{ at: number; from: string; to: string }>,
  time: (ms: number) => string,
): string {
  if (phases.length === 0) return '';
  const start = (phases[0] as StatusPhase).from;
  const end = Math.max(...phases.map((p) => p.to), start + 1);
  const x = (ms: number) => LABEL + ((ms - start) / (end - start)) * (WIDTH - LABEL - 10);
  const height = (phases.length + (severityChanges.length > 0 ? 1 : 0)) * ROW + 30;
  const bars = phases.map((p, i) => {
    const y = 10 + i * ROW;
    const width = Math.max(2, x(p.to) - x(p.from));
    return `<g><title>${e(`${STATUS_LABELS[p.status]}: ${time(p.from)} – ${time(p.to)}`)}</title><text x="4" y="${y + 14}">${e(STATUS_LABELS[p.status])}</text><rect class="phase-${p.status}" x="${x(p.from).toFixed(1)}" y="${y + 3}" width="${width.toFixed(1)}" height="${ROW - 6}"/><text x="${Math.min(x(p.from) + width + 4, WIDTH - 60).toFixed(1)}" y="${y + 14}">${e(formatDuration(p.to - p.from))}</text></g>`;
  });
  const y = 10 + phases.length * ROW;
  const ticks = severityChanges.map(
    (c) =>
      `<g><title>${e(`${c.from} → ${c.to} at ${time(c.at)}`)}</title><rect class="s0" x="${x(c.at).toFixed(1)}" y="${y + 3}" width="2" height="${ROW - 6}"/><text x="${(x(c.at) + 4).toFixed(1)}" y="${y + 14}">${e(`${c.from} → ${c.to}`)}</text></g>`,
  );
  const severityRow = severityChanges.length > 0 ? `<text x="4" y="${y + 14}">Severity</text>${ticks.join('')}` : '';
  return `<svg class="chart" role="img" aria-label="Status phases" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
${bars.join('\n')}
${severityRow}
<text x="${LABEL}" y="${height - 6}">${e(time(start))}</text><text x="${WIDTH - 10}" y="${height - 6}" text-anchor="end">${e(time(end))}</text>
</svg>`;
}
