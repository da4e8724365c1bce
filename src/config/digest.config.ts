import { z } from 'zod';
import { HH_MM } from '../oncall/oncall.config';
import { WEEKDAYS } from '../oncall/rotation';

/** When the weekly digest is posted: runbook 002's hand-off stand-up, Monday 09:00 in the policy's zone. */
export const DEFAULT_DIGEST = { weekday: 'monday', time: '09:00' } as const;

const DigestAt = z.strictObject({
  weekday: z
    .string()
    .transform((day) => day.trim().toLowerCase())
    .pipe(z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }))
    .default(DEFAULT_DIGEST.weekday),
  time: z.string().regex(HH_MM, 'must be a 24-hour time "HH:mm" such as 09:00').default(DEFAULT_DIGEST.time),
});

export type DigestAt = z.infer<typeof DigestAt>;

/** `at: "Monday 09:00"`: the weekday and time in one, as people say it. */
const AT = /^\s*([A-Za-z]+)\s+(\S+)\s*$/;

/**
 * The `digest` policy key: `at: "Monday 09:00"`, or a weekday and a 24-hour time written apart like a
 * rotation's hand-off, in the policy's `timezone`; `false` posts no digest. Not a zod union, whose
 * failure would say only "Invalid input" instead of naming the field that is wrong.
 */
export const digestSchema = z
  .unknown()
  .optional()
  .transform((value, ctx): DigestAt | false => {
    if (value === false) return false;
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be false, { at: "Monday 09:00" } or { weekday: monday, time: "09:00" }',
      });
      return z.NEVER;
    }
    let written = (value ?? {}) as Record<string, unknown>;
    const oneLine = 'at' in written;
    if (oneLine) {
      const { at, ...rest } = written;
      const parts = typeof at === 'string' ? AT.exec(at) : null;
      if (!parts || Object.keys(rest).length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['at'],
          message: 'must be a weekday and a 24-hour time such as "Monday 09:00", with no weekday or time beside it',
        });
        return z.NEVER;
      }
      written = { weekday: parts[1], time: parts[2] };
    }
    const parsed = DigestAt.safeParse(written);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: oneLine ? ['at'] : (issue.path as PropertyKey[]), message: issue.message });
    return z.NEVER;
  });
