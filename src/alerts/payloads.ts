import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cleanStrings, hasVisibleText } from '../text/clean-text';
import { cutText } from '../text/cut-text';
import type { AlertItem, AlertKind, AlertNotification } from './alert.types';

const MAX_ALERTS = 1_000;
const Labels = z.record(z.string().max(200), z.string().max(10_000));
const Status = z.enum(['firing', 'resolved'], { error: 'must be "firing" or "resolved"' });
const Url = z.string().max(2_000);

/** An Alertmanager (webhook version 4) or Grafana unified-alerting alert; Grafana adds fields we ignore. */
const PrometheusAlert = z.object({
  status: Status,
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: z.string().max(64).optional(),
  endsAt: z.string().max(64).optional(),
  generatorURL: Url.optional(),
  fingerprint: z.string().max(200).optional(),
});

/** The body Alertmanager's webhook_config sends; Grafana's webhook contact point sends the same plus a few fields. */
const PrometheusGroup = z.object({
  version: z.string().max(20).optional(),
  groupKey: z.string().min(1, 'groupKey is empty').max(10_000),
  status: Status,
  receiver: z.string().max(1_000).optional(),
  groupLabels: Labels.default({}),
  commonLabels: Labels.default({}),
  commonAnnotations: Labels.default({}),
  externalURL: Url.optional(),
  alerts: z.array(PrometheusAlert).min(1, 'alerts is empty').max(MAX_ALERTS),
  // Grafana only.
  title: z.string().max(1_000).optional(),
  message: z.string().max(100_000).optional(),
});

/** Commander's own small body for anything else (a deploy bot, a cron job, a script). */
export const GenericAlert = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, 'title is empty')
    .max(150, 'title is longer than 150 characters')
    .refine(hasVisibleText, 'title has nothing to read in it'),
  severity: z.string().trim().min(1).max(40).optional(),
  description: z.string().max(3_000, 'description is longer than 3000 characters').default(''),
  /** Notifications with the same dedupKey are one alert; default: the title. */
  dedupKey: z.string().trim().min(1).max(200).optional(),
  link: z
    .url({ protocol: /^https?$/, error: 'link must be an http(s) URL' })
    .max(2_000)
    .optional(),
  status: Status.default('firing'),
  labels: Labels.optional(),
});

/** Alertmanager's own fingerprint, or one made the same way from the sorted labels for older senders. */
function fingerprintOf(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

const httpLink = (url: string | undefined): string | null => (url && /^https?:\/\//.test(url) ? url : null);

function fromPrometheus(kind: AlertKind, body: z.infer<typeof PrometheusGroup>): AlertNotification {
  const alerts: AlertItem[] = body.alerts.map((a) => ({
    fingerprint: a.fingerprint || fingerprintOf(a.labels),
    status: a.status,
    name: a.labels.alertname ?? a.annotations.summary ?? 'alert',
    link: httpLink(a.generatorURL),
  }));
  // The schema asks for at least one alert.
  const first = body.alerts[0] as (typeof body.alerts)[number];
  return {
    kind,
    groupKey: body.groupKey,
    status: body.status,
    labels: body.commonLabels,
    annotations: body.commonAnnotations,
    title: null,
    description:
      body.commonAnnotations.description ?? body.commonAnnotations.summary ?? first.annotations.description ?? '',
    link: httpLink(first.generatorURL) ?? httpLink(body.externalURL),
    alerts,
  };
}

function fromGeneric(body: z.infer<typeof GenericAlert>): AlertNotification {
  const key = body.dedupKey ?? body.title;
  const labels = { ...body.labels, ...(body.severity ? { severity: body.severity } : {}) };
  return {
    kind: 'generic',
    groupKey: key,
    status: body.status,
    labels,
    annotations: { summary: body.title, description: body.description },
    title: body.title,
    description: body.description,
    link: body.link ?? null,
    alerts: [
      { fingerprint: fingerprintOf({ dedupKey: key }), status: body.status, name: body.title, link: body.link ?? null },
    ],
  };
}

export type ParseResult = { ok: true; notification: AlertNotification } | { ok: false; reason: string };

/** One line saying what is wrong, for a 400 answer: the first problem and where it is. */
function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the body is not valid';
  const where = issue.path.map(String).join('.');
  return cutText(`${where ? `${where}: ` : ''}${issue.message}`, 200);
}

/**
 * Reads a body of the endpoint's kind (already JSON-parsed) into the common shape. Every alert
 * passes here, so its text is cleaned here, as typed text is, before anything reads or stores it:
 * no NUL (which PostgreSQL's text refuses), no C1 control, no bidi override reordering the text
 * people read in the channel, the export or the postmortem.
 */
export function parseNotification(kind: AlertKind, body: unknown): ParseResult {
  const json = cleanStrings(body);
  if (kind === 'generic') {
    const result = GenericAlert.safeParse(json);
    return result.success
      ? { ok: true, notification: fromGeneric(result.data) }
      : { ok: false, reason: reasonOf(result.error) };
  }
  const result = PrometheusGroup.safeParse(json);
  return result.success
    ? { ok: true, notification: fromPrometheus(kind, result.data) }
    : { ok: false, reason: reasonOf(result.error) };
}
