import type { AlertsDeps } from '../alerts/alerts.deps';
import { createAlertsService } from '../alerts/alerts.service';
import { alertEndpoints } from '../http/alert-endpoints';
import type { InFlight } from '../in-flight';
import type { Metrics } from '../metrics/metrics';
import type { OnCallService } from '../oncall/oncall.service';
import type { JobRunner } from '../timers/timed-job';

export type AlertsWiring = Omit<AlertsDeps, 'onCallPrimary' | 'background' | 'onOutcome' | 'runner' | 'port'> & {
  /** The chat platform's side, made when alerts are wired (Slack: src/slack/adapters/alerts-poster.ts). */
  port: () => AlertsDeps['port'];
  oncall: OnCallService;
  inFlight: InFlight;
  runner: JobRunner;
  /** Counts what the endpoints answer and what each notification became, when metrics are on. */
  metrics?: Metrics | undefined;
};

/**
 * Alerts in, wired: the three endpoints (served as custom routes on the app's HTTP server) and
 * the processing of what they record.
 */
export function wireAlerts(deps: AlertsWiring) {
  const { metrics } = deps;
  const logger = deps.logger.child({ component: 'alerts' });
  const background = (work: () => Promise<unknown>) => {
    void deps.inFlight.run(work).catch((error: unknown) => logger.error({ err: error }, 'alert follow-up failed'));
  };
  const alerts = createAlertsService({
    ...deps,
    port: deps.port(),
    logger,
    onCallPrimary: (at, rotation) =>
      (rotation ? deps.oncall.rotationAt(rotation, at) : deps.oncall.forIncidents(at))?.primary ?? null,
    background,
    runner: deps.runner,
    ...(metrics
      ? { onOutcome: (source: string, outcome: string) => metrics.alertsProcessed.inc({ source, outcome }) }
      : {}),
  });
  const drain = () => deps.inFlight.run(() => deps.runner.run(alerts.job));
  const routes = alertEndpoints({
    sources: deps.policy.alerts.sources,
    clock: deps.clock,
    logger: deps.logger,
    record: (source, notification) => alerts.record(source, notification),
    afterRecord: () => void drain().catch((error: unknown) => logger.error({ err: error }, 'alert processing failed')),
    ...(metrics
      ? { onResult: (source: string, result: string) => metrics.alertsReceived.inc({ source, result }) }
      : {}),
  }).map((endpoint) => ({ path: endpoint.path, method: ['POST'], handler: endpoint.handler }));
  /** At start and on each tick: what is recorded, and the notices Slack or a stop held up (in the background). */
  const catchUp = () => {
    background(() => deps.runner.run(alerts.noticesJob));
    return drain();
  };
  return { routes, drain: catchUp };
}
