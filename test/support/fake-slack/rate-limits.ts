/**
 * Slack's rate limits, as an opt-in mode of the fake (FakeSlack.limitRates): off by default, so
 * tests see every call answered. Limits are per workspace and method (the tiers) or per channel
 * (chat.postMessage); a call over a limit is answered HTTP 429 with `Retry-After` in whole
 * seconds, and does nothing.
 *
 * Slack's clock can run faster than the real one (`timeScale` 10: a Slack minute lasts 6 real
 * seconds), so a storm that takes Slack minutes can be benched in seconds; Retry-After is then in
 * real seconds, rounded up, as the client must wait them.
 */

/** Tier 2: about 20 calls a minute per method (docs.slack.dev/apis/web-api/rate-limits). */
const TIER_2 = { calls: 20, windowMs: 60_000 };
const TIERED: Record<string, { calls: number; windowMs: number }> = {
  'conversations.create': TIER_2,
  'conversations.invite': TIER_2,
};
/** chat.postMessage: about one message a second per channel, with short bursts allowed. */
const POSTS = { burst: 3, everyMs: 1_000 };

export interface RateLimitOptions {
  /** How many times faster Slack's clock runs than the real one (default 1). */
  timeScale?: number;
}

/** A 429 the fake answered, and when the same call was made again (null: not yet). */
export interface RateLimited {
  method: string;
  /** The channel of a per-channel limit; '' for a method's tier. */
  channel: string;
  /** Real ms (performance.now()) the 429 was answered. */
  at: number;
  retryAfterSeconds: number;
  /** Real ms the same call (same method and arguments) came again, if it did. */
  retriedAt: number | null;
}

export class RateLimits {
  private readonly scale: number;
  private readonly tierCalls = new Map<string, number[]>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Refused calls by method and arguments, waiting for their retry. */
  private readonly waiting = new Map<string, RateLimited>();
  readonly refused: RateLimited[] = [];

  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.scale = options.timeScale ?? 1;
    if (!(this.scale > 0)) throw new Error(`fake Slack: timeScale must be > 0, got ${options.timeScale}`);
  }

  /** Slack's time now, in its own ms. */
  private slackNow(): number {
    return this.now() * this.scale;
  }

  /**
   * Counts the call against its limit; the seconds to wait when it is over (the call then does
   * nothing), undefined when it may go ahead.
   */
  take(method: string, args: Record<string, unknown>): number | undefined {
    const key = `${method} ${JSON.stringify(args)}`;
    const earlier = this.waiting.get(key);
    if (earlier) {
      earlier.retriedAt = this.now();
      this.waiting.delete(key);
    }
    const waitMs = this.overBy(method, args);
    if (waitMs === undefined) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / this.scale / 1000));
    const refused: RateLimited = {
      method,
      channel: method === 'chat.postMessage' ? String(args.channel ?? '') : '',
      at: this.now(),
      retryAfterSeconds,
      retriedAt: null,
    };
    this.refused.push(refused);
    this.waiting.set(key, refused);
    return retryAfterSeconds;
  }

  /** Retries made before the Retry-After of the 429 they followed had passed. */
  earlyRetries(): RateLimited[] {
    return this.refused.filter((r) => r.retriedAt !== null && r.retriedAt < r.at + r.retryAfterSeconds * 1000);
  }

  /** Slack ms until the call would be allowed; undefined when it is allowed now (and then counted). */
  private overBy(method: string, args: Record<string, unknown>): number | undefined {
    const now = this.slackNow();
    const tier = TIERED[method];
    if (tier) {
      const recent = (this.tierCalls.get(method) ?? []).filter((at) => at > now - tier.windowMs);
      this.tierCalls.set(method, recent);
      if (recent.length >= tier.calls) return (recent[0] as number) + tier.windowMs - now;
      recent.push(now);
      return undefined;
    }
    if (method === 'chat.postMessage') {
      const channel = String(args.channel ?? '');
      const bucket = this.buckets.get(channel) ?? { tokens: POSTS.burst, at: now };
      bucket.tokens = Math.min(POSTS.burst, bucket.tokens + (now - bucket.at) / POSTS.everyMs);
      bucket.at = now;
      this.buckets.set(channel, bucket);
      if (bucket.tokens < 1) return (1 - bucket.tokens) * POSTS.everyMs;
      bucket.tokens -= 1;
      return undefined;
    }
    return undefined;
  }
}
