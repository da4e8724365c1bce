/**
 * Counts work still running (listeners after their ack, background jobs) so shutdown can wait
 * for it and tests can wait for the app to be idle instead of sleeping.
 */
export class InFlight {
  private running = 0;
  private waiters: Array<() => void> = [];

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  get size(): number {
    return this.running;
  }

  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
