import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { InFlight } from '../in-flight';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { Store } from '../store';
import type { JobRunner } from '../timers/timed-job';
import { queueingWebhookEvents } from '../webhooks/outbox-writer';
import { createWebhookSender } from '../webhooks/sender';

/**
 * Events out, wired: the recorder's listener that queues an event beside each entry (undefined
 * without receivers), and the sender's jobs (one per receiver), started by the jobs tick and right
 * after each change, all at once and each on its own in the runner. They run in the background,
 * counted as work in flight (a stop waits for them; so do tests).
 */
export function composeWebhooks(deps: {
  store: Store;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  inFlight: InFlight;
  runner: JobRunner;
  metrics?: Metrics | undefined;
}) {
  const { metrics, inFlight, runner } = deps;
  const logger = deps.logger.child({ component: 'webhooks' });
  const sender = createWebhookSender({
    store: deps.store,
    runner,
    webhooks: deps.policy.webhooks,
    clock: deps.clock,
    logger: deps.logger,
    ...(metrics ? { onOutcome: (outcome: string) => metrics.webhookDeliveries.inc({ outcome }) } : {}),
  });
  let woken = false;
  // Woken once a change that queued events has committed (store.afterCommit), at start and by each
  // tick; the sending starts on the next turn of the event loop, and nobody waits for it.
  const deliverSoon = () => {
    if (woken) return;
    woken = true;
    void inFlight.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      woken = false;
      // Each receiver's job fails on its own; a stop waiting for this waits for all of them.
      await Promise.all(
        sender.jobs.map((job) =>
          runner
            .run(job)
            .catch((error: unknown) => logger.error({ err: error, job: job.name }, 'webhook delivery failed')),
        ),
      );
    });
  };
  const queueEvents = queueingWebhookEvents({
    webhooks: deps.policy.webhooks,
    onQueued: deliverSoon,
    catalog: deps.policy.services,
  });
  return { queueEvents, deliverSoon };
}
