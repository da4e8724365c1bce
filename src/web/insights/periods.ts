import { localParts } from '../../text/zoned-time';

export type PeriodKind = 'week' | 'month';

const DAY = 86_400_000;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * The period a moment falls in, by the zone's calendar: `2026-03` for a month, `2026-W10` for an
 * ISO week (Monday to Sunday; the week of the year's first Thursday is week 1).
 */
export function periodOf(ms: number, timezone: string, kind: PeriodKind): string {
  const [year, month, day] = localParts(ms, timezone).date.split('-').map(Number) as [number, number, number];
  if (kind === 'month') return `${year}-${two(month)}`;
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date + (3 - weekday) * DAY);
  const weekYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY / 7);
  return `${weekYear}-W${two(week)}`;
}
