import { formatInTimeZone } from '../text/zoned-time';
import { STATUS_LABELS } from '../incidents/incident.types';
import type { StatusPhase } from './phases';

const at = (ms: number) => formatInTimeZone(ms, 'UTC', "yyyy-MM-dd'T'HH:mm:ss");

/** Mermaid task names end at a colon and may not hold '#' or ';': keep letters, digits and a few marks. */
const taskName = (text: string) => text.replace(/[^\p{L}\p{N} ._()-]/gu, ' ').trim() || '?';

/**
 * The status phases against time as a Mermaid gantt chart (GitHub, GitLab and Notion draw it),
 * severity changes as milestones. Times are UTC: a viewer's browser reads them as its own wall clock.
 */
export function ganttChart(
  phases: StatusPhase[],
  severityChanges: Array<{ at: number; from: string; to: string }>,
): string {
  const lines = [
    '```mermaid',
    'gantt',
    '  title Status phases (UTC)',
    '  dateFormat YYYY-MM-DDTHH:mm:ss',
    '  axisFormat %H:%M',
  ];
  lines.push('  section Status');
  for (const phase of phases) {
    const name = STATUS_LABELS[phase.status];
    if (phase.to === phase.from) lines.push(`  ${name} :milestone, ${at(phase.from)}, 0m`);
    else lines.push(`  ${name} :${at(phase.from)}, ${at(phase.to)}`);
  }
  if (severityChanges.length > 0) {
    lines.push('  section Severity');
    for (const change of severityChanges)
      lines.push(`  ${taskName(`${change.from} to ${change.to}`)} :milestone, ${at(change.at)}, 0m`);
  }
  lines.push('```');
  return `${lines.join('\n')}\n`;
}
