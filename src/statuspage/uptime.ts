import { formatInTimeZone, fromZonedTime } from '../text/zoned-time';
import { type ComponentStatus, type StatusChange, worse } from './statuspage.types';

const MINUTE = 60_000;

/** One day of one component: its uptime (null: the component did not exist yet) and its worst status. */
export interface UptimeDay {
  /** The day's date in the page's time zone, YYYY-MM-DD. */
  date: string;
  uptime: number | null;
  worst: ComponentStatus | null;
  existedMinutes: number;
  majorMinutes: number;
  partialMinutes: number;
}

/**
 * Uptime over a stretch of time: 1 − (minutes of major outage + weight × minutes of partial
 * outage) ÷ minutes the component existed in it. Degraded performance and maintenance count as
 * up (Statuspage's and Instatus's rule; the weight is the policy's `partialOutageWeight`).
 */
export function uptimeOf(o: { existedMinutes: number; majorMinutes: number; partialMinutes: number; weight: number }) {
  if (o.existedMinutes <= 0) return null;
  return Math.max(0, 1 - (o.majorMinutes + o.weight * o.partialMinutes) / o.existedMinutes);
}

/** The start of each of the last `days` days (the last one today) in `timezone`, and the end of today. */
export function dayBounds(now: number, days: number, timezone: string): { starts: number[]; dates: string[] } {
  const today = formatInTimeZone(now, timezone, 'yyyy-MM-dd');
  const dates: string[] = [];
  const base = Date.parse(`${today}T12:00:00Z`);
  for (let n = days - 1; n >= 0; n--) dates.push(new Date(base - n * 86_400_000).toISOString().slice(0, 10));
  const starts = dates.map((d) => fromZonedTime(`${d}T00:00:00`, timezone).getTime());
  const tomorrow = new Date(base + 86_400_000).toISOString().slice(0, 10);
  starts.push(fromZonedTime(`${tomorrow}T00:00:00`, timezone).getTime());
  return { starts, dates };
}

/**
 * One component's days. `changes` are its status changes in time order, the last one before the
 * first day included (before any change it is operational); the day being lived counts up to `now`.
 */
export function uptimeDays(o: {
  changes: readonly StatusChange[];
  createdAt: number;
  now: number;
  days: number;
  timezone: string;
  weight: number;
}): UptimeDay[] {
  const { starts, dates } = dayBounds(o.now, o.days, o.timezone);
  return dates.map((date, n) => {
    const from = Math.max(starts[n] as number, o.createdAt);
    const to = Math.min(starts[n + 1] as number, o.now);
    if (to <= from) return { date, uptime: null, worst: null, existedMinutes: 0, majorMinutes: 0, partialMinutes: 0 };
    let major = 0;
    let partial = 0;
    let worst: ComponentStatus = 'operational';
    spans(o.changes, from, to, (status, ms) => {
      if (status === 'major_outage') major += ms;
      if (status === 'partial_outage') partial += ms;
      worst = worse(worst, status);
    });
    const majorMinutes = major / MINUTE;
    const partialMinutes = partial / MINUTE;
    const existedMinutes = (to - from) / MINUTE;
    const uptime = uptimeOf({ existedMinutes, majorMinutes, partialMinutes, weight: o.weight });
    return { date, uptime, worst, existedMinutes, majorMinutes, partialMinutes };
  });
}

/** Uptime over the days given, weighting each by how long the component existed in it. */
export function uptimeOver(days: readonly UptimeDay[], weight: number): number | null {
  let existed = 0;
  let major = 0;
  let partial = 0;
  for (const d of days) {
    existed += d.existedMinutes;
    major += d.majorMinutes;
    partial += d.partialMinutes;
  }
  return uptimeOf({ existedMinutes: existed, majorMinutes: major, partialMinutes: partial, weight });
}

/** Calls `each` with every status the component had in [from, to) and how long it had it there. */
function spans(
  changes: readonly StatusChange[],
  from: number,
  to: number,
  each: (status: ComponentStatus, ms: number) => void,
) {
  let status: ComponentStatus = 'operational';
  let since = from;
  for (const change of changes) {
    if (change.at >= to) break;
    if (change.at > since) {
      each(status, change.at - since);
      since = change.at;
    }
    status = change.status;
  }
  each(status, to - since);
}

/** An uptime as the page shows it: 96.25 %, 100 %, "no data". */
export function formatUptime(uptime: number | null): string {
  if (uptime === null) return 'no data';
  // Down to the hundredth, so a day that was not whole never shows 100 % (the epsilon absorbs binary fractions).
  const percent = Math.floor(uptime * 10_000 + 1e-6) / 100;
  return `${percent.toFixed(2).replace(/\.?0+$/, '')} %`;
}
