import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { signedHeaders } from '../signing/signature';
import type { Repositories, Tx } from '../store';
import type { ClaimedItem, JobRunner, TimedJob } from '../timers/timed-job';
import { nextAttempt } from './backoff';
import { type AttemptResult, postEvent } from './post-event';
import type { Webhook } from './webhooks.config';

/** Deliveries settled, by outcome: the labels of commander_webhook_deliveries_total. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'gone' | 'gave_up';

export interface WebhookSenderDeps {
  store: Repositories<'webhookOutbox'>;
  runner: Pick<JobRunner, 'runOne'>;
  webhooks: Webhook[];
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  random?: () => number;
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/** Deliveries per run of a receiver's job: after a delivery the next event of that queue is due at once. */
const BATCH = 500;
/** How long past its timeout an attempt's lease lasts: the lease must outlive the attempt on its own. */
const LEASE_MARGIN_MS = 30_000;

export type WebhookSender = ReturnType<typeof createWebhookSender>;

/**
 * Sends what the outbox holds: at least once, in order per receiver and incident, retried with
 * backoff, and given up after the receiver's giveUpAfter or at a 410. Each receiver's deliveries
 * are a timed job of their own (`webhooks:<host>`), run by the job runner on leased rows, so a
 * receiver that answers slowly, or never, holds up only its own events; one more job gives up the
 * events of receivers no longer in the policy. An attempt is settled only by the holder of its
 * row's lease: a replica that lost it meanwhile writes nothing, and the other one settles the row.
 */
export function createWebhookSender(deps: WebhookSenderDeps) {
  const { store, clock } = deps;
  const logger = deps.logger.child({ component: 'webhooks' });
  const byUrl = new Map(deps.webhooks.map((w) => [w.url, w]));

  /** Gives the lease back with the row's new state; the outcome only if this process still held it. */
  async function settle(
    item: ClaimedItem,
    outcome: DeliveryOutcome,
    write: (tx: Tx) => Promise<void>,
  ): Promise<DeliveryOutcome | undefined> {
    const settled = await item.complete(write);
    if (!settled.held) return undefined;
    deps.onOutcome?.(outcome);
    return outcome;
  }

  /** One attempt at a leased delivery, settled by outcome; undefined when there was nothing to settle. */
  async function deliver(item: ClaimedItem): Promise<DeliveryOutcome | undefined> {
    const row = await store.webhookOutbox.get(item.id);
    if (row?.state !== 'pending') {
      await item.complete(async () => undefined);
      return undefined;
    }
    // A replica that died holding the lease may have made an attempt it never counted.
    const attempts = row.attempts + (item.takenOver ? 2 : 1);
    const webhook = byUrl.get(row.url);
    const log = {
      eventId: row.eventId,
      delivery: row.id,
      incidentId: row.incidentId,
      type: row.type,
      host: hostOf(row.url),
    };
    if (!webhook) {
      // The receiver left the policy: nobody to send to, and nothing to retry.
      const outcome = await settle(item, 'gave_up', (tx) =>
        tx.webhookOutbox.giveUp(row.id, clock.now(), 'receiver no longer configured', row.attempts),
      );
      if (outcome) logger.warn(log, 'webhook event given up: its receiver is no longer configured');
      return outcome;
    }
    const headers = signedHeaders(webhook.secret, row.body, clock.now());
    const result: AttemptResult = await postEvent({
      url: webhook.url,
      body: row.body,
      headers: {
        ...(webhook.authorization === undefined ? {} : { authorization: webhook.authorization }),
        ...headers,
        'X-Commander-Event': row.type,
        'X-Commander-Event-Id': row.eventId,
      },
      timeoutMs: webhook.timeout,
      fetch: deps.fetch,
    });
    const now = clock.now();
    const lost = (outcome: DeliveryOutcome | undefined) => {
      if (!outcome) logger.warn({ ...log, attempts }, 'webhook attempt outlived its lease: another replica settles it');
      return outcome;
    };
    if (result.ok) {
      const outcome = await settle(item, 'delivered', (tx) => tx.webhookOutbox.delivered(row.id, now, attempts));
      if (outcome) logger.info({ ...log, attempts }, 'webhook event delivered');
      return lost(outcome);
    }
    if (result.status === 410) {
      const outcome = await settle(item, 'gone', (tx) => tx.webhookOutbox.giveUp(row.id, now, result.error, attempts));
      if (outcome) logger.warn({ ...log, attempts }, 'webhook receiver answered 410 Gone: event given up');
      return lost(outcome);
    }
    const next = nextAttempt({
      failures: attempts,
      now,
      since: row.since,
      giveUpAfter: webhook.giveUpAfter,
      retryAfterMs: result.retryAfterMs,
      random: deps.random,
    });
    if (next === 'give up') {
      const outcome = await settle(item, 'gave_up', (tx) =>
        tx.webhookOutbox.giveUp(row.id, now, result.error, attempts),
      );
      if (outcome) logger.error({ ...log, attempts, error: result.error }, 'webhook event given up after retrying');
      return lost(outcome);
    }
    const outcome = await settle(item, 'retry', (tx) => tx.webhookOutbox.retryAt(row.id, next, result.error, attempts));
    if (outcome) logger.warn({ ...log, attempts, error: result.error, retryAt: next }, 'webhook delivery failed');
    return lost(outcome);
  }

  const work = async (item: ClaimedItem) => (await deliver(item)) !== undefined;

  // Job names are unique in the runner (one run per name at a time): two receivers may share a host.
  const taken = new Set<string>();
  const nameFor = (url: string) => {
    const base = `webhooks:${hostOf(url)}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}#${n}`;
    taken.add(name);
    return name;
  };
  const receiverJobs = new Map<string, TimedJob>(
    deps.webhooks.map((w) => [
      w.url,
      {
        name: nameFor(w.url),
        kind: 'webhook',
        lane: w.url,
        batch: BATCH,
        leaseFor: w.timeout + LEASE_MARGIN_MS,
        work,
      },
    ]),
  );
  const unconfigured: TimedJob = {
    name: 'webhooks:unconfigured',
    kind: 'webhookOrphan',
    lane: JSON.stringify(deps.webhooks.map((w) => w.url)),
    batch: BATCH,
    work,
  };

  return {
    /** Each receiver's deliveries, and the giving up of those whose receiver is gone: run them side by side. */
    jobs: [...receiverJobs.values(), unconfigured],
    /** Sends one pending delivery now, ahead of its queue (`npm run webhooks -- retry`); undefined when not pending or another process holds it. */
    async sendNow(id: number): Promise<DeliveryOutcome | undefined> {
      const row = await store.webhookOutbox.get(id);
      if (row?.state !== 'pending') return undefined;
      let outcome: DeliveryOutcome | undefined;
      const job = receiverJobs.get(row.url) ?? unconfigured;
      await deps.runner.runOne(
        {
          ...job,
          work: async (item) => {
            outcome = await deliver(item);
            return outcome !== undefined;
          },
        },
        id,
      );
      return outcome;
    },
  };
}

/** Logs name the receiver by host only: a URL's path or query may carry a token. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}
