import { z } from 'zod';

export const ALERT_ACTIONS = ['declare', 'notify', 'drop'] as const;

const LabelName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'must be a label name such as severity or alertname');

/**
 * The `alerts` policy key: who may send alerts, and what each alert becomes. The user- and
 * channel-id rules are the policy's own, passed in so both report the same messages.
 */
export function alertsSchema(parts: { userId: z.ZodType<string>; channelId: z.ZodType<string> }) {
  const SourceSchema = z
    .strictObject({
      name: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'must be 1-40 letters, digits, ., - or _ (e.g. prod-alertmanager)'),
      /** Alertmanager and Grafana send it as `Authorization: Bearer <token>`. */
      token: z.string().min(16, 'must be at least 16 characters (use a long random string)').optional(),
      /** Keys the X-Commander-Signature of /alerts/generic. */
      secret: z.string().min(16, 'must be at least 16 characters (use a long random string)').optional(),
    })
    .refine(
      (s) => s.token !== undefined || s.secret !== undefined,
      'needs a token (Alertmanager, Grafana) or a secret (/alerts/generic)',
    );

  const RouteSchema = z
    .strictObject({
      /** Every listed label must have this value; an empty match takes every alert. */
      match: z.record(LabelName, z.string()).default({}),
      action: z.enum(ALERT_ACTIONS, { error: `must be one of ${ALERT_ACTIONS.join(', ')}` }),
      /** The severity to declare with; without it the severity label decides. */
      severity: z.string().optional(),
      /** e.g. "{{alertname}} on {{instance}}": labels, then annotations, fill the braces. */
      title: z.string().min(1).max(300).optional(),
      /** The service it hurts: a catalog id, or a template such as "{{service}}" filled from the labels. */
      service: z.string().trim().min(1).max(200).optional(),
      /** Who leads; by default the service's rotation's primary, else the incidents' rotation's. */
      commander: parts.userId.optional(),
      /** Where `notify` posts. */
      channel: parts.channelId.optional(),
    })
    .refine((r) => r.action !== 'notify' || r.channel !== undefined, {
      message: 'a notify route needs a channel',
      path: ['channel'],
    });

  return z
    .strictObject({
      sources: z
        .array(SourceSchema)
        .max(50)
        .default([])
        .refine((list) => new Set(list.map((s) => s.name)).size === list.length, 'names must be unique')
        .refine((list) => {
          const credentials = list.flatMap((s) => [s.token, s.secret]).filter((c) => c !== undefined);
          return new Set(credentials).size === credentials.length;
        }, 'every token and secret must be different, so that each alert is known by its sender'),
      /** Used when an alert's severity label is missing or unknown; default: the least severe level. */
      defaultSeverity: z.string().nullable().default(null),
      /** The label that carries an alert's severity. */
      severityLabel: LabelName.default('severity'),
      /** Severity label values and the Commander severity each means; a label naming a severity id (sev2) needs none. */
      severities: z
        .record(z.string(), z.string())
        .default({ critical: 'SEV1', error: 'SEV2', warning: 'SEV3', info: 'SEV4' }),
      /** First match wins; an alert no route matches is recorded and dropped. */
      routes: z.array(RouteSchema).max(100).default([]),
    })
    .prefault({});
}

export type AlertsConfig = z.infer<ReturnType<typeof alertsSchema>>;
export type AlertSource = AlertsConfig['sources'][number];
export type AlertRoute = AlertsConfig['routes'][number];

/**
 * What the schema alone cannot check: severities named must be the policy's, and a declare route
 * needs someone to lead (its own commander, or an on-call rotation to take the primary from).
 */
export function alertsProblems(
  alerts: AlertsConfig,
  severityIds: string[],
  hasRotation: boolean,
): Array<{ path: (string | number)[]; message: string }> {
  const known = new Set(severityIds.map((id) => id.toUpperCase()));
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  const unknown = (id: string) => `"${id}" is not a severity of this policy (${severityIds.join(', ')})`;
  if (alerts.defaultSeverity !== null && !known.has(alerts.defaultSeverity.toUpperCase())) {
    problems.push({ path: ['alerts', 'defaultSeverity'], message: unknown(alerts.defaultSeverity) });
  }
  alerts.routes.forEach((route, i) => {
    if (route.severity !== undefined && !known.has(route.severity.toUpperCase())) {
      problems.push({ path: ['alerts', 'routes', i, 'severity'], message: unknown(route.severity) });
    }
    if (route.action === 'declare' && route.commander === undefined && !hasRotation) {
      problems.push({
        path: ['alerts', 'routes', i, 'commander'],
        message: 'is needed when no on-call rotation is configured (who leads an incident an alert declares?)',
      });
    }
  });
  return problems;
}
