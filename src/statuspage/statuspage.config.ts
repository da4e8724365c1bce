import { z } from 'zod';
import { parseDuration } from '../config/duration';
import { PUBLIC_STATUSES } from './statuspage.types';

const PublicUrl = z
  .string()
  .url('must be the public address of the page, such as https://status.example.com')
  .refine((text) => /^https?:\/\//i.test(text), 'must be an http or https URL')
  .transform((text) => text.replace(/\/+$/, ''));

const Duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use e.g. 30m, 1h)` });
    return z.NEVER;
  }
  return ms;
});

/** Runbook 001: customers are told within 30 minutes of a P1/P2. */
export const DEFAULT_PUBLISH_WITHIN: Record<string, number> = { SEV1: 30 * 60_000, SEV2: 30 * 60_000 };

/**
 * The `statusPage:` policy key: the public page served on STATUS_PORT (src/statuspage). Its
 * components are the catalog's services with `public:`.
 */
export function statusPageSchema(timeZone: z.ZodType<string>) {
  return z
    .strictObject({
      title: z.string().trim().min(1).max(80).default('Status'),
      /** The page's public base address, for links and feed ids; null: links are relative. */
      url: PublicUrl.nullable().default(null),
      /** The zone days are counted in (uptime bars, history by month); the policy's when left out. */
      timezone: timeZone.optional(),
      /** How much a minute of partial outage counts against uptime, beside a minute of major outage. */
      partialOutageWeight: z.number().min(0).max(1).default(0.3),
      historyDays: z.number().int().min(1).max(365).default(90),
      /** Whether a drill may be published (its page says it is a drill). */
      drills: z.boolean().default(false),
      /** The public message a publication starts from, per public status. */
      templates: z.partialRecord(z.enum(PUBLIC_STATUSES), z.string().trim().min(1).max(2_000)).default({}),
      /** Severity id → how soon a public incident must be published; left out: SEV1 and SEV2 in 30m. */
      publishWithin: z.record(z.string(), Duration).optional(),
    })
    .default({ title: 'Status', url: null, partialOutageWeight: 0.3, historyDays: 90, drills: false, templates: {} });
}

export type StatusPagePolicy = z.infer<ReturnType<typeof statusPageSchema>>;

/** Problems no field alone shows: `publishWithin` naming a severity the policy does not have. */
export function statusPageProblems(page: StatusPagePolicy, severityIds: string[]) {
  return Object.keys(page.publishWithin ?? {})
    .filter((id) => !severityIds.includes(id))
    .map((id) => ({
      path: ['statusPage', 'publishWithin', id],
      message: `names no severity (the policy has ${severityIds.join(', ')})`,
    }));
}

/** How soon an incident of this severity on a public component must be published; null: no deadline. */
export function publishWithinOf(page: StatusPagePolicy, severityId: string): number | null {
  return (page.publishWithin ?? DEFAULT_PUBLISH_WITHIN)[severityId] ?? null;
}
