import { z } from 'zod';
import type { Policy } from '../../config/policy';
import { STATUSES } from '../../incidents/incident.types';
import type { IncidentFilter } from '../../store/console.repository';
import { fromZonedTime } from '../../text/zoned-time';

const DAY = 86_400_000;
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written like 2026-03-31.')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'That date does not exist.');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

const ListQuery = z.object({
  q: optional(z.string().trim().max(200, 'Search for at most 200 characters.')),
  status: optional(z.enum(['open', 'resolved', ...STATUSES], { error: 'Pick a status from the list.' })),
  severity: optional(z.string().max(20)),
  service: optional(z.string().max(60)),
  type: optional(z.string().max(40)),
  from: optional(date),
  to: optional(date),
  page: optional(z.coerce.number({ error: 'The page is a number.' }).int().min(1).max(100_000)),
});

export type ListQuery = z.infer<typeof ListQuery>;

/** The filter in the URL, checked: the query as given (for the form), the store's filter, or the sentence saying what is wrong. */
export function parseListQuery(
  query: URLSearchParams,
  policy: Policy,
): { query: ListQuery; filter: IncidentFilter; page: number } | { error: string } {
  const parsed = ListQuery.safeParse(Object.fromEntries(query));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'That filter cannot be used.' };
  const q = parsed.data;
  if (q.severity && !policy.severities.some((s) => s.id === q.severity)) return { error: 'No such severity.' };
  if (q.type && !policy.types.some((t) => t.id === q.type)) return { error: 'No such incident type.' };
  const from = q.from ? startOfDay(q.from, policy.timezone) : undefined;
  const to = q.to ? startOfDay(nextDay(q.to), policy.timezone) : undefined;
  if (from !== undefined && to !== undefined && from >= to) return { error: 'The range ends before it starts.' };
  return {
    query: q,
    page: q.page ?? 1,
    filter: {
      status: q.status,
      severity: q.severity,
      service: q.service,
      type: q.type,
      from,
      to,
      text: q.q || undefined,
    },
  };
}

/** The day after, as a date (a day on a clock that changes is not 24 hours). */
export const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** Midnight of a day on the policy's clock. */
export const startOfDay = (day: string, timezone: string): number =>
  fromZonedTime(`${day}T00:00:00`, timezone).getTime();
