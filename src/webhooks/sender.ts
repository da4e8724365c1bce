import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { signedHeaders } from '../signing/signature';
import type { Repositories } from '../store';
import { oneAtATime } from '../timers/one-at-a-time';
import type { OutboxLane, OutboxRow } from '../store/webhook-outbox.repository';
import { nextAttempt } from './backoff';
import { type AttemptResult, postEvent } from './post-event';
import type { Webhook } from './webhooks.config';

/** Deliveries settled, by outcome: the labels of commander_webhook_deliveries_total. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'gone' | 'gave_up';

export interface WebhookSenderDeps {
  store: Repositories<'webhookOutbox'>;
  webhooks: Webhook[];
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  random?: () => number;
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/** Rows sent at once per round in one receiver's lane; each is the head of one incident's queue. */
const BATCH = 10;
/** Rounds per run: after a delivery the next event of that queue is due at once. */
const MAX_ROUNDS = 50;
/** How long past its timeout an attempt's lease lasts before another run may take the row again. */
const LEASE_MARGIN_MS = 30_000;

export type WebhookSender = ReturnType<typeof createWebhookSender>;

/**
 * Sends what the outbox holds: at least once, in order per receiver and incident, retried with
 * backoff, and given up after the receiver's giveUpAfter or at a 410. Each receiver has its own
 * lane, run one at a time: asked while running, it runs again when done, so nothing queued
 * meanwhile waits for the next tick.
 */
export function createWebhookSender(deps: WebhookSenderDeps) {
  const { store, clock } = deps;
  const logger = deps.logger.child({ component: 'webhooks' });
  const byUrl = new Map(deps.webhooks.map((w) => [w.url, w]));
  const longestTimeout = Math.max(0, ...deps.webhooks.map((w) => w.timeout));

  async function attempt(row: OutboxRow): Promise<DeliveryOutcome> {
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
      await store.webhookOutbox.giveUp(row.id, clock.now(), 'receiver no longer configured');
      logger.warn(log, 'webhook event given up: its receiver is no longer configured');
      return 'gave_up';
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
    if (result.ok) {
      await store.webhookOutbox.delivered(row.id, now);
      logger.info({ ...log, attempts: row.attempts }, 'webhook event delivered');
      return 'delivered';
    }
    if (result.status === 410) {
      await store.webhookOutbox.giveUp(row.id, now, result.error);
      logger.warn({ ...log, attempts: row.attempts }, 'webhook receiver answered 410 Gone: event given up');
      return 'gone';
    }
    const next = nextAttempt({
      failures: row.attempts,
      now,
      since: row.since,
      giveUpAfter: webhook.giveUpAfter,
      retryAfterMs: result.retryAfterMs,
      random: deps.random,
    });
    if (next === 'give up') {
      await store.webhookOutbox.giveUp(row.id, now, result.error);
      logger.error({ ...log, attempts: row.attempts, error: result.error }, 'webhook event given up after retrying');
      return 'gave_up';
    }
    await store.webhookOutbox.retryAt(row.id, next, result.error);
    logger.warn({ ...log, attempts: row.attempts, error: result.error, retryAt: next }, 'webhook delivery failed');
    return 'retry';
  }

  /**
   * One receiver's deliveries (or, with `otherThan`, those of receivers no longer in the policy),
   * run on their own: a receiver that answers slowly, or never, holds up only its own events, not
   * the other receivers' ticks. A lane runs one at a time, so its order per incident holds.
   */
  function lane(which: OutboxLane, timeoutMs: number): () => Promise<number> {
    return oneAtATime(async () => {
      let settled = 0;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const now = clock.now();
        const rows = await store.webhookOutbox.claimDue(now, now + timeoutMs + LEASE_MARGIN_MS, BATCH, which);
        if (rows.length === 0) break;
        const outcomes = await Promise.all(rows.map(attempt));
        for (const outcome of outcomes) deps.onOutcome?.(outcome);
        // A settled row frees the next event of its queue at once; a failed one waits for its time.
        settled += outcomes.length;
      }
      return settled;
    });
  }
  const lanes = [
    ...deps.webhooks.map((w) => lane({ url: w.url }, w.timeout)),
    lane({ otherThan: deps.webhooks.map((w) => w.url) }, 0),
  ];

  return {
    /** Sends one pending delivery now, ahead of its queue (`npm run webhooks -- retry`); undefined when not pending. */
    async sendNow(id: number): Promise<DeliveryOutcome | undefined> {
      const row = await store.webhookOutbox.claimOne(id, clock.now() + longestTimeout + LEASE_MARGIN_MS);
      if (!row) return undefined;
      const outcome = await attempt(row);
      deps.onOutcome?.(outcome);
      return outcome;
    },
    /** Sends every due event, each receiver's on its own; resolves with how many attempts were settled. */
    async deliverDue(): Promise<number> {
      // Every lane is waited for, even after one fails, so a stop waiting for this waits for all of them.
      const runs = await Promise.allSettled(lanes.map((run) => run()));
      const failed = runs.find((run) => run.status === 'rejected');
      if (failed) throw failed.reason;
      return runs.reduce((sum, run) => sum + (run.status === 'fulfilled' ? run.value : 0), 0);
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
