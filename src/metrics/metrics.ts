import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read from the database when scraped. */
export interface MetricsReadings {
  openIncidentsBySeverity(): Promise<Array<{ severity: string; type: string; count: number }>>;
  pendingAlertNotifications(): Promise<number>;
  /** Webhook deliveries neither delivered nor given up. */
  webhookOutboxDepth(): Promise<number>;
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Commander's Prometheus metrics, in a registry of their own (not prom-client's global one), so
 * several Commanders in one process (tests) each count their own. Labels hold only fixed sets
 * (severity ids, type ids, levels, Slack method names, outcomes, configured source names), never a
 * title or anything a person typed. Every count of incidents carries the incident's `type`, so a
 * dashboard leaves drills out with `type!="drill"`.
 */
export function createMetrics(readings: MetricsReadings, o: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (o.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'commander_incidents_open',
    help: 'Open incidents, by severity and type (drills are type="drill").',
    labelNames: ['severity', 'type'],
    registers,
    async collect() {
      const counts = await readings.openIncidentsBySeverity();
      this.reset();
      for (const { severity, type, count } of counts) this.set({ severity, type }, count);
    },
  });
  new Gauge({
    name: 'commander_alert_notifications_pending',
    help: 'Alert notifications accepted but not yet processed.',
    registers,
    async collect() {
      this.set(await readings.pendingAlertNotifications());
    },
  });

  new Gauge({
    name: 'commander_webhook_outbox_depth',
    help: 'Webhook deliveries waiting to be sent or retried.',
    registers,
    async collect() {
      this.set(await readings.webhookOutboxDepth());
    },
  });

  return {
    registry,
    declared: new Counter({
      name: 'commander_incidents_declared_total',
      help: 'Incidents declared, by severity and type.',
      labelNames: ['severity', 'type'],
      registers,
    }),
    updates: new Counter({
      name: 'commander_status_updates_total',
      help: 'Status updates posted, by incident type.',
      labelNames: ['type'],
      registers,
    }),
    resolved: new Counter({
      name: 'commander_incidents_resolved_total',
      help: 'Incidents resolved, by type.',
      labelNames: ['type'],
      registers,
    }),
    remindersSent: new Counter({
      name: 'commander_reminders_sent_total',
      help: 'Status-update reminders sent, by incident type.',
      labelNames: ['type'],
      registers,
    }),
    remindersSnoozed: new Counter({
      name: 'commander_reminders_snoozed_total',
      help: 'Reminders snoozed, by incident type.',
      labelNames: ['type'],
      registers,
    }),
    escalations: new Counter({
      name: 'commander_escalations_total',
      help: 'Escalations, by level (secondary, contacts) and incident type.',
      labelNames: ['level', 'type'],
      registers,
    }),
    reminderDelay: new Histogram({
      name: 'commander_reminder_delay_seconds',
      help: 'Time from a reminder falling due to its being sent.',
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers,
    }),
    slackCalls: new Counter({
      name: 'commander_slack_api_calls_total',
      help: 'Slack Web API calls, by method and outcome (ok, error, rate_limited, http_error, network_error).',
      labelNames: ['method', 'outcome'],
      registers,
    }),
    slackLatency: new Histogram({
      name: 'commander_slack_api_call_duration_seconds',
      help: 'Slack Web API call latency, by method.',
      labelNames: ['method'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    rateLimited: new Counter({
      name: 'commander_slack_rate_limited_total',
      help: 'Slack Web API answers of 429 (rate limited), by method.',
      labelNames: ['method'],
      registers,
    }),
    alertsReceived: new Counter({
      name: 'commander_alert_notifications_received_total',
      help: 'Alert notifications received, by source and result (accepted, unauthorized, malformed, too_large).',
      labelNames: ['source', 'result'],
      registers,
    }),
    alertsProcessed: new Counter({
      name: 'commander_alert_notifications_processed_total',
      help: 'Alert notifications processed, by source and outcome (declared, attached, repeat, resolved_note, notified, dropped, unrouted, ignored, failed).',
      labelNames: ['source', 'outcome'],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'commander_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome (delivered, retry, gone, gave_up).',
      labelNames: ['outcome'],
      registers,
    }),
  };
}
