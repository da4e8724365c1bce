import { firingNotification as notification } from '../support/store-fixtures';
import { type Harness, startHarness } from '../support/harness';

/**
 * A deployment that turned its alert sources off (or never had any) loads nothing of the alerts at
 * start-up (app/alerts.ts). What an earlier configuration accepted and had not yet processed is
 * still worked through: nothing accepted is lost by a configuration change.
 */

let h: Harness;
afterEach(async () => h.stop());

test('with no alert source, a notification an earlier configuration accepted is still processed at the next tick', async () => {
  h = await startHarness();
  // Accepted while a source was configured, and not processed before that Commander stopped.
  await h.store.alerts.record('prod-alertmanager', 'generic', h.clock.now(), notification);
  expect(await h.store.alerts.anyUnfinished()).toBe(true);
  await h.tick();
  expect(await h.store.alerts.pendingCount()).toBe(0);
  expect(await h.store.alerts.anyUnfinished()).toBe(false);
});

test('with no alert source, the alert endpoints are not served', async () => {
  h = await startHarness();
  const response = await fetch(h.eventsUrl.replace('/slack/events', '/alerts/alertmanager'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(response.status).toBe(404);
  expect(await h.store.alerts.pendingCount()).toBe(0);
});
