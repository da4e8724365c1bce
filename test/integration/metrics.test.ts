import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { baseUrl, fixture, sendWithToken } from '../support/alert-sender';
import { type Harness, PEOPLE, startHarness } from '../support/harness';
import { declareIncident, openedView } from './flows';

const SEC = 1_000;
const AM_TOKEN = 'am-token-0123456789abcdef';

let h: Harness;
afterEach(async () => h?.stop());

async function scrape(): Promise<string> {
  const response = await fetch(h.metricsUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample line, e.g. `commander_incidents_open{severity="SEV1"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('after a flow, /metrics on its own port counts incidents, updates, reminders, Slack calls, 429s and alerts, with no titles in labels', async () => {
    h = await startHarness({
      metrics: true,
      policy: {
        reminders: { repeatAfter: '10s', snoozeFor: '20s', checkEvery: '1s' },
        severities: [{ id: 'SEV1', name: 'Critical', updateEvery: '30s' }, ...DEFAULT_POLICY_INPUT.severities.slice(1)],
        alerts: {
          sources: [{ name: 'prod-alertmanager', token: AM_TOKEN }],
          routes: [{ action: 'declare', commander: PEOPLE.bob }],
        },
      },
    });
    const incident = await declareIncident(h, h.user(PEOPLE.alice), {
      title: 'Checkout secretly down',
      commander: PEOPLE.bob,
    });
    h.fake.fail('conversations.setTopic', { status: 429, retryAfter: 0 });
    await h.user(PEOPLE.bob).command('update', incident.channelId);
    await h
      .user(PEOPLE.bob)
      .submit(openedView(h, 'post_update'), { status: 'identified', summary: 'Found the bad deploy' });
    h.clock.advance(32 * SEC);
    await h.tick();
    await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), AM_TOKEN);
    await sendWithToken(h, 'alertmanager', fixture('alertmanager-firing.json'), 'not-the-token-0123456789');

    const text = await scrape();
    expect(sample(text, 'commander_incidents_open{severity="SEV1",type="incident"}')).toBe(2);
    expect(sample(text, 'commander_incidents_declared_total{severity="SEV1",type="incident"}')).toBe(2);
    expect(sample(text, 'commander_status_updates_total{type="incident"}')).toBe(1);
    expect(sample(text, 'commander_reminders_sent_total{type="incident"}')).toBe(1);
    // Due 30 s after the update, sent at the tick 2 s later.
    expect(sample(text, 'commander_reminder_delay_seconds_sum')).toBe(2);
    expect(sample(text, 'commander_slack_api_calls_total{method="conversations.create",outcome="ok"}')).toBe(2);
    expect(
      sample(text, 'commander_slack_api_calls_total{method="conversations.setTopic",outcome="rate_limited"}'),
    ).toBe(1);
    expect(sample(text, 'commander_slack_rate_limited_total{method="conversations.setTopic"}')).toBe(1);
    expect(sample(text, 'commander_slack_api_call_duration_seconds_count{method="chat.postMessage"}')).toBeGreaterThan(
      0,
    );
    expect(
      sample(text, 'commander_alert_notifications_received_total{source="prod-alertmanager",result="accepted"}'),
    ).toBe(1);
    expect(sample(text, 'commander_alert_notifications_received_total{source="unknown",result="unauthorized"}')).toBe(
      1,
    );
    expect(
      sample(text, 'commander_alert_notifications_processed_total{source="prod-alertmanager",outcome="declared"}'),
    ).toBe(1);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).not.toContain('secretly');
    expect(text).not.toContain('HighRequestLatency');

    // Never on the Slack port.
    expect((await fetch(`${baseUrl(h)}/metrics`)).status).toBe(404);
  });

  it('is off unless METRICS_PORT is set', async () => {
    h = await startHarness();
    expect(h.metricsUrl).toBe('');
  });
});
