import { fromZonedTime } from '../text/zoned-time';
import { z } from 'zod';
import { parseDuration } from '../config/duration';
import { type Rotation, WEEKDAYS } from './rotation';

const DAY = 86_400_000;

/**
 * Without a `start`, shifts are counted from the first hand-off on or after this Monday. A fixed
 * date (not "today") keeps who is on call the same across restarts; set `start` to line the
 * rotation up with the real rota.
 */
export const DEFAULT_ROTATION_START = '2024-01-01';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** 2026-02-30 and 2026-13-01 match the pattern but are no dates (an invalid Date cannot toISOString). */
function isRealDate(iso: string): boolean {
  if (!ISO_DATE.test(iso)) return false;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso);
}

/**
 * An override time: with an offset (`Z`, `+01:00`) it is that instant; without one it is wall-clock
 * time in the rotation's zone. (date-fns-tz ignores offsets in strings, hence the split.)
 */
export function overrideInstant(text: string, timezone: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match || !isRealDate(text.slice(0, 10))) return undefined;
  const ms = match[1] ? Date.parse(text) : fromZonedTime(text, timezone).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The `oncall` policy key: rotations as operators write them, checked and turned into the pure
 * `Rotation` the arithmetic uses. The user-id and time-zone rules are the policy's own, passed in
 * so both keys report the same messages.
 */
export function oncallSchema(parts: {
  userId: z.ZodType<string>;
  timeZone: z.ZodType<string>;
  channelId: z.ZodType<string>;
}) {
  const Length = z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms % DAY !== 0) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a whole number of days (use e.g. 1d, 7d, 14d)` });
      return z.NEVER;
    }
    return ms / DAY;
  });

  const OverrideSchema = z.strictObject({
    user: parts.userId,
    from: z.string().regex(ISO_DATE_TIME, 'must be an ISO date-time such as 2026-12-24T09:00 or 2026-12-24T09:00:00Z'),
    to: z.string().regex(ISO_DATE_TIME, 'must be an ISO date-time such as 2026-12-28T09:00 or 2026-12-28T09:00:00Z'),
  });

  const RotationSchema = z
    .strictObject({
      name: z.string().trim().min(1).max(40),
      /** In rotation order: users[0] is primary for the first shift, users[1] its secondary. */
      users: z.array(parts.userId).min(1, 'needs at least one user').max(50),
      length: Length.default(7),
      weekday: z
        .string()
        .transform((day) => day.trim().toLowerCase())
        .pipe(z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }))
        .default('monday'),
      time: z.string().regex(HH_MM, 'must be a 24-hour time "HH:mm" such as 09:00').default('09:00'),
      timezone: parts.timeZone.default('UTC'),
      start: z
        .string()
        .refine(isRealDate, 'must be a date YYYY-MM-DD such as 2026-01-05')
        .default(DEFAULT_ROTATION_START),
      overrides: z.array(OverrideSchema).max(100).default([]),
      /** Where each hand-off's briefing is posted, besides the incoming primary's DM. */
      handoffChannel: parts.channelId.optional(),
    })
    .transform((r, ctx): Rotation => {
      const overrides = r.overrides.flatMap((override, i) => {
        const from = overrideInstant(override.from, r.timezone);
        const to = overrideInstant(override.to, r.timezone);
        if (from === undefined || to === undefined) {
          ctx.addIssue({ code: 'custom', path: ['overrides', i], message: 'is not a real date and time' });
          return [];
        }
        if (to <= from) {
          ctx.addIssue({ code: 'custom', path: ['overrides', i, 'to'], message: 'must be after from' });
          return [];
        }
        return [{ user: override.user, from, to }];
      });
      return {
        name: r.name,
        users: r.users,
        lengthDays: r.length,
        start: r.start,
        handoffWeekday: r.weekday,
        handoffTime: r.time,
        timezone: r.timezone,
        overrides,
        ...(r.handoffChannel ? { handoffChannel: r.handoffChannel } : {}),
      };
    });

  return z
    .array(RotationSchema)
    .max(10, 'allows at most 10 rotations')
    .refine(
      (list) => new Set(list.map((r) => r.name.toLowerCase())).size === list.length,
      'rotation names must be unique',
    )
    .default([]);
}
