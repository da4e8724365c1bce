import { z } from 'zod';
import type { Policy } from '../../config/policy';
import { formatInTimeZone } from '../../text/zoned-time';
import { nextDay, startOfDay } from '../pages/list-query';
import { CHART_IDS } from './charts';

const DAY = 86_400_000;
const MAX_DAYS = 3 * 366;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written like 2026-03-31.');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

const InsightsQuery = z.object({
  period: optional(z.enum(['week', 'month'], { error: 'The period is week or month.' })),
  from: optional(date),
  to: optional(date),
  chart: optional(z.enum(CHART_IDS, { error: 'No such chart.' })),
});

export interface InsightsRange {
  period: 'week' | 'month';
  /** The days as given (or the defaults), for the form and the CSV links. */
  fromDay: string;
  toDay: string;
  from: number;
  to: number;
  chart: (typeof CHART_IDS)[number] | undefined;
}

/** The range in the URL (by default the last 26 weeks, by month), or the sentence saying what is wrong. */
export function parseInsightsQuery(
  query: URLSearchParams,
  policy: Policy,
  now: number,
): InsightsRange | { error: string } {
  const parsed = InsightsQuery.safeParse(Object.fromEntries(query));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'That range cannot be used.' };
  const q = parsed.data;
  const tz = policy.timezone;
  const toDay = q.to ?? formatInTimeZone(now, tz, 'yyyy-MM-dd');
  const fromDay = q.from ?? formatInTimeZone(Date.parse(`${toDay}T12:00:00Z`) - 181 * DAY, 'UTC', 'yyyy-MM-dd');
  if (Number.isNaN(Date.parse(`${fromDay}T00:00:00Z`)) || Number.isNaN(Date.parse(`${toDay}T00:00:00Z`)))
    return { error: 'That date does not exist.' };
  const from = startOfDay(fromDay, tz);
  const to = startOfDay(nextDay(toDay), tz);
  if (from >= to) return { error: 'The range ends before it starts.' };
  if (to - from > MAX_DAYS * DAY) return { error: 'Choose a range of at most three years.' };
  return { period: q.period ?? 'month', fromDay, toDay, from, to, chart: q.chart };
}
