export interface ReconnectBackoffOptions {
  /** The wait after the second failure; each further one doubles it. */
  firstMs?: number;
  maxMs?: number;
  /** In [0, 1): jitter, so that replicas cut off together do not come back in step. */
  random?: () => number;
}

/**
 * How long to wait before opening Socket Mode connections again after one failed: it never said
 * hello, or it died young. Connections opened together fail together (Slack refreshing or dropping
 * all of them is one event), so failures are counted per attempt: each connection belongs to the
 * attempt it was opened in, and only the first failure of an attempt counts. The first failure
 * since connections last held is retried at once (one drop is routine); each further one waits
 * twice as long as the one before, up to `maxMs`, somewhere in the upper half of that wait.
 */
export class ReconnectBackoff {
  private failures = 0;
  private current = 0;
  private readonly firstMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(o: ReconnectBackoffOptions = {}) {
    this.firstMs = o.firstMs ?? 1_000;
    this.maxMs = o.maxMs ?? 30_000;
    this.random = o.random ?? Math.random;
  }

  /** The attempt a connection opened now belongs to. */
  get attempt(): number {
    return this.current;
  }

  /**
   * A connection of `attempt` failed: how long to wait before opening more (0: at once), or
   * undefined when its attempt had already failed (the wait was decided then).
   */
  failed(attempt: number): number | undefined {
    if (attempt !== this.current) return undefined;
    this.current += 1;
    this.failures += 1;
    if (this.failures === 1) return 0;
    const ceiling = Math.min(this.firstMs * 2 ** (this.failures - 2), this.maxMs);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** Connections hold again: the next failure is retried at once. */
  reset(): void {
    this.failures = 0;
  }
}
