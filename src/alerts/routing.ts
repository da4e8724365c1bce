import type { AlertNotification } from './alert.types';
import { hasVisibleText } from '../text/clean-text';
import { cutText } from '../text/cut-text';
import type { AlertRoute, AlertsConfig } from './alerts.config';

/**
 * A label's (or annotation's, or the severities map's) own value. Names come from senders, so a
 * plain `labels[name]` would find `constructor`, `toString` or `__proto__` on Object.prototype.
 */
export function labelOf(labels: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(labels, name) ? labels[name] : undefined;
}

/** The first route whose every `match` label has that value; undefined when none matches. */
export function routeFor(routes: readonly AlertRoute[], labels: Record<string, string>): AlertRoute | undefined {
  return routes.find((route) => Object.entries(route.match).every(([name, value]) => labelOf(labels, name) === value));
}

export interface SeverityChoice {
  severity: string;
  /** The label value that named no severity, when the default was used because of it. */
  unknownLabel: string | null;
}

/**
 * The route's own severity first; else the severity label, through the configured map or as a
 * severity id itself (sev2); else the configured default, or the least severe level.
 */
export function severityFor(
  config: AlertsConfig,
  severityIds: readonly string[],
  route: AlertRoute,
  labels: Record<string, string>,
): SeverityChoice {
  const byId = (id: string | undefined) =>
    id === undefined ? undefined : severityIds.find((s) => s.toUpperCase() === id.trim().toUpperCase());
  // The policy always has severities; the least severe one is the default's default.
  const fallback = byId(config.defaultSeverity ?? undefined) ?? (severityIds.at(-1) as string);
  const fixed = byId(route.severity);
  if (fixed) return { severity: fixed, unknownLabel: null };
  const label = labelOf(labels, config.severityLabel);
  if (label === undefined || label.trim() === '') return { severity: fallback, unknownLabel: null };
  const mapped =
    byId(labelOf(config.severities, label) ?? labelOf(config.severities, label.toLowerCase())) ?? byId(label);
  return mapped ? { severity: mapped, unknownLabel: null } : { severity: fallback, unknownLabel: label };
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A template with {{name}} filled from the labels, then the annotations (a name in neither: empty). */
const filled = (template: string, n: AlertNotification): string =>
  template.replace(
    PLACEHOLDER,
    (_whole, name: string) => labelOf(n.labels, name) ?? labelOf(n.annotations, name) ?? '',
  );

/**
 * The service the route names (`service: "{{service}}"`, or a fixed id), as the alert fills it in:
 * trimmed and lower-cased, as catalog ids are; null when the route names none or it fills in empty.
 */
export function serviceFor(route: AlertRoute, n: AlertNotification): string | null {
  if (route.service === undefined) return null;
  const name = cutText(filled(route.service, n).trim().toLowerCase(), 100);
  return hasVisibleText(name) ? name : null;
}

/**
 * The incident's title: the route's template with {{name}} filled from the labels, then the
 * annotations (a name found in neither is left empty); else the sender's title, the summary
 * annotation or the alert name.
 */
export function titleFor(route: AlertRoute, n: AlertNotification): string {
  const raw = route.title
    ? filled(route.title, n)
    : (n.title ?? labelOf(n.annotations, 'summary') ?? labelOf(n.labels, 'alertname') ?? n.alerts[0]?.name ?? 'Alert');
  const title = cutText(raw.replace(/\s+/g, ' ').trim(), 150);
  // A title of nothing to read would be refused by the declaration, after the sender's 202.
  if (hasVisibleText(title)) return title;
  const name = cutText(labelOf(n.labels, 'alertname') ?? '', 150);
  return hasVisibleText(name) ? name : 'Alert';
}
