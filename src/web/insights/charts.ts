import type { Policy } from '../../config/policy';
import type { IncidentFigures } from './incident-figures';
import { median, p90 } from './percentiles';
import { type PeriodKind, periodOf } from './periods';

export type Cell = string | number | null;

/** One chart: its rows are exactly what its SVG draws and its CSV holds. */
export interface Chart {
  id: ChartId;
  title: string;
  /** What the figure means, in a sentence. */
  about: string;
  columns: string[];
  rows: Cell[][];
  /** The column the bars draw; `duration`: its values are milliseconds. */
  drawn: { column: string; duration?: boolean; percent?: boolean };
}

export const CHART_IDS = [
  'declared',
  'acknowledge',
  'mitigate',
  'resolve',
  'updates',
  'nudges',
  'followups',
  'postmortems',
  'out-of-hours',
] as const;
export type ChartId = (typeof CHART_IDS)[number];

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const ratio = (part: number, whole: number, places: number) => (whole === 0 ? null : round(part / whole, places));
const sum = (figures: readonly IncidentFigures[], pick: (f: IncidentFigures) => number) =>
  figures.reduce((n, f) => n + pick(f), 0);
const known = (values: Array<number | null>) => values.filter((v): v is number => v !== null);

/** The incidents by period and severity: periods in order, severities in the policy's order (unknown ones after). */
export function groupFigures(figures: readonly IncidentFigures[], policy: Policy, period: PeriodKind) {
  const order = (severity: string) => {
    const at = policy.severities.findIndex((s) => s.id === severity);
    return at < 0 ? policy.severities.length : at;
  };
  const groups = new Map<string, { period: string; severity: string; figures: IncidentFigures[] }>();
  for (const f of figures) {
    const p = periodOf(f.incident.declaredAt, policy.timezone, period);
    const key = `${p} ${f.incident.severity}`;
    const group = groups.get(key) ?? { period: p, severity: f.incident.severity, figures: [] };
    group.figures.push(f);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.period.localeCompare(b.period) || order(a.severity) - order(b.severity) || a.severity.localeCompare(b.severity),
  );
}

type Group = ReturnType<typeof groupFigures>[number];

const duration = (id: 'acknowledge' | 'mitigate' | 'resolve', pick: (f: IncidentFigures) => number | null) => ({
  id,
  title: `Time to ${id}`,
  columns: ['period', 'severity', 'incidents_measured', 'median_ms', 'p90_ms'],
  drawn: { column: 'median_ms', duration: true },
  row: (g: Group) => {
    const values = known(g.figures.map(pick));
    return [values.length, median(values), p90(values)];
  },
});

const DEFINITIONS: Array<Omit<Chart, 'rows'> & { row: (g: Group) => Cell[] }> = [
  {
    id: 'declared',
    title: 'Incidents declared',
    about: 'Incidents declared in the period (drills left out), by their severity now.',
    columns: ['period', 'severity', 'incidents'],
    drawn: { column: 'incidents' },
    row: (g) => [g.figures.length],
  },
  {
    ...duration('acknowledge', (f) => f.toAcknowledge),
    about: 'From detection to acknowledgement (the export’s timeToAcknowledge): median and 90th percentile.',
  },
  {
    ...duration('mitigate', (f) => f.toMitigate),
    about: 'From the impact starting to a fix in place (the export’s timeToMitigate): median and 90th percentile.',
  },
  {
    ...duration('resolve', (f) => f.toResolve),
    about: 'From the impact starting to the resolution (the export’s timeToResolve): median and 90th percentile.',
  },
  {
    id: 'updates',
    title: 'Status updates on time',
    about: 'Share of status updates posted by the time they were due (the severity’s cadence after the previous one).',
    columns: ['period', 'severity', 'updates', 'on_time', 'on_time_percent'],
    drawn: { column: 'on_time_percent', percent: true },
    row: (g) => {
      const updates = sum(g.figures, (f) => f.updates);
      const onTime = sum(g.figures, (f) => f.updatesOnTime);
      const share = ratio(onTime * 100, updates, 1);
      return [updates, onTime, share];
    },
  },
  {
    id: 'nudges',
    title: 'Reminders and escalations per incident',
    about: 'Reminders sent to commanders and escalations (people called in), per incident declared.',
    columns: [
      'period',
      'severity',
      'incidents',
      'reminders',
      'escalations',
      'reminders_per_incident',
      'escalations_per_incident',
    ],
    drawn: { column: 'reminders_per_incident' },
    row: (g) => {
      const n = g.figures.length;
      const reminders = sum(g.figures, (f) => f.reminders);
      const escalations = sum(g.figures, (f) => f.escalations);
      return [n, reminders, escalations, ratio(reminders, n, 2), ratio(escalations, n, 2)];
    },
  },
  {
    id: 'followups',
    title: 'Follow-ups open and overdue',
    about: 'Follow-ups of the period’s incidents: all, still open, and open past their due date now.',
    columns: ['period', 'severity', 'followups', 'open', 'overdue'],
    drawn: { column: 'open' },
    row: (g) => [
      sum(g.figures, (f) => f.followups),
      sum(g.figures, (f) => f.followupsOpen),
      sum(g.figures, (f) => f.followupsOverdue),
    ],
  },
  {
    id: 'postmortems',
    title: 'Required postmortems done within their deadlines',
    about: 'Resolved incidents that required a postmortem, and those whose every step was marked done by its deadline.',
    columns: ['period', 'severity', 'required', 'done_on_time'],
    drawn: { column: 'done_on_time' },
    row: (g) => {
      const required = g.figures.filter((f) => f.postmortemRequired);
      return [required.length, required.filter((f) => f.postmortemOnTime).length];
    },
  },
  {
    id: 'out-of-hours',
    title: 'Interruptions out of hours',
    about:
      'Reminder, escalation and acknowledgement DMs sent, and those sent between 22:00 and 08:00 for the recipient.',
    columns: ['period', 'severity', 'dms', 'out_of_hours'],
    drawn: { column: 'out_of_hours' },
    row: (g) => [sum(g.figures, (f) => f.dms), sum(g.figures, (f) => f.dmsOutOfHours)],
  },
];

/** Every chart over the same groups. */
export function charts(groups: readonly Group[]): Chart[] {
  return DEFINITIONS.map(({ row, ...chart }) => ({
    ...chart,
    rows: groups.map((g) => [g.period, g.severity, ...row(g)]),
  }));
}
