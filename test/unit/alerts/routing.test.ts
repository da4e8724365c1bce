import type { AlertNotification } from '../../../src/alerts/alert.types';
import type { AlertRoute } from '../../../src/alerts/alerts.config';
import { routeFor, severityFor, titleFor } from '../../../src/alerts/routing';
import { DEFAULT_POLICY } from '../../../src/config/policy';

const IDS = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const config = DEFAULT_POLICY.alerts;
const route = (r: Partial<AlertRoute>): AlertRoute => ({ match: {}, action: 'declare', ...r });

const notification = (o: Partial<AlertNotification> = {}): AlertNotification => ({
  kind: 'alertmanager',
  groupKey: 'g',
  status: 'firing',
  labels: { alertname: 'HighLatency', severity: 'critical', instance: 'api-1' },
  annotations: { summary: 'Latency above 2s' },
  title: null,
  description: '',
  link: null,
  alerts: [],
  ...o,
});

describe('alert routing', () => {
  const routes = [
    route({ match: { alertname: 'Watchdog' }, action: 'drop' }),
    route({ match: { severity: 'warning' }, action: 'notify', channel: 'C0ALERTS' }),
    route({ match: {}, action: 'declare' }),
  ];

  it('takes the first route whose labels all match, and an empty match takes anything', () => {
    expect(routeFor(routes, { alertname: 'Watchdog', severity: 'warning' })!.action).toBe('drop');
    expect(routeFor(routes, { alertname: 'Disk', severity: 'warning' })!.action).toBe('notify');
    expect(routeFor(routes, { alertname: 'Disk' })!.action).toBe('declare');
    expect(routeFor(routes.slice(0, 2), { alertname: 'Disk' })).toBeUndefined();
  });

  it('maps the severity label, accepts a severity id as the label, and prefers the route’s own severity', () => {
    expect(severityFor(config, IDS, route({}), { severity: 'critical' })).toEqual({
      severity: 'SEV1',
      unknownLabel: null,
    });
    expect(severityFor(config, IDS, route({}), { severity: 'sev2' })).toEqual({ severity: 'SEV2', unknownLabel: null });
    expect(severityFor(config, IDS, route({ severity: 'sev4' }), { severity: 'critical' })).toEqual({
      severity: 'SEV4',
      unknownLabel: null,
    });
  });

  it('falls back to the default severity for an unknown label and says which label it was', () => {
    expect(severityFor(config, IDS, route({}), { severity: 'disaster' })).toEqual({
      severity: 'SEV4',
      unknownLabel: 'disaster',
    });
    expect(severityFor({ ...config, defaultSeverity: 'SEV3' }, IDS, route({}), { severity: 'disaster' })).toEqual({
      severity: 'SEV3',
      unknownLabel: 'disaster',
    });
    expect(severityFor({ ...config, defaultSeverity: 'SEV3' }, IDS, route({}), {})).toEqual({
      severity: 'SEV3',
      unknownLabel: null,
    });
  });

  it('fills a title template from labels then annotations, and otherwise uses the summary', () => {
    expect(titleFor(route({ title: '{{alertname}} on {{ instance }}: {{summary}}{{nothing}}' }), notification())).toBe(
      'HighLatency on api-1: Latency above 2s',
    );
    expect(titleFor(route({}), notification())).toBe('Latency above 2s');
    expect(titleFor(route({}), notification({ annotations: {} }))).toBe('HighLatency');
    expect(titleFor(route({}), notification({ title: 'Given title' }))).toBe('Given title');
    expect(titleFor(route({ title: '{{nothing}}' }), notification())).toBe('HighLatency');
  });
});
