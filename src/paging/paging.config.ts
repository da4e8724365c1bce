import { z } from 'zod';

/** PagerDuty's Events API v2, unless the level names another host (a proxy, a test's fake). */
export const PAGERDUTY_API = 'https://events.pagerduty.com';

/**
 * A ladder level's `notify.pagerduty`: the Events API v2 integration it pages. The routing key is
 * a secret, written as ${ENV_VAR}; messages never quote it.
 */
export const pagerDutyNotifySchema = z.strictObject({
  routingKey: z
    .string()
    .regex(/^[A-Za-z0-9]{20,64}$/, 'must be an Events API v2 integration key (32 letters and digits)'),
  apiUrl: z
    .string()
    .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), {
      message: `must be an http or https URL such as ${PAGERDUTY_API}`,
    })
    .transform((text) => text.replace(/\/+$/, ''))
    .default(PAGERDUTY_API),
});

export type PagerDutyNotify = z.infer<typeof pagerDutyNotifySchema>;

/**
 * `bridge:` in the policy: the call everyone joins, as a URL template with {{number}} (the
 * incident's), or one per severity id (with `default` for the rest).
 */
export const bridgeSchema = z
  .union([z.string().trim().min(1).max(300), z.record(z.string(), z.string().trim().min(1).max(300))])
  .nullable()
  .default(null)
  .superRefine((bridge, ctx) => {
    const templates = bridge === null ? [] : typeof bridge === 'string' ? [['', bridge]] : Object.entries(bridge);
    for (const [key, template] of templates) {
      const sample = (template as string).replaceAll('{{number}}', '1');
      if (!URL.canParse(sample) || !/^https?:$/.test(new URL(sample).protocol))
        ctx.addIssue({
          code: 'custom',
          path: key ? [key] : [],
          message: 'must be an http or https URL, with {{number}} where the incident number goes',
        });
    }
  });

export type BridgePolicy = z.infer<typeof bridgeSchema>;

/** The incident's call link, or null when the policy names none for its severity. */
export function bridgeUrl(bridge: BridgePolicy, incident: { id: number; severity: string }): string | null {
  if (bridge === null) return null;
  const template = typeof bridge === 'string' ? bridge : (bridge[incident.severity] ?? bridge.default);
  return template ? template.replaceAll('{{number}}', String(incident.id)) : null;
}
