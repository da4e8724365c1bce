import type { RecordedCall } from './types';

interface Waiter {
  matches(call: RecordedCall): boolean;
  resolve(call: RecordedCall): void;
  reject(error: Error): void;
}

/**
 * Every Web API call in arrival order, and the tests waiting for one. Calls are recorded before
 * the fake answers, so a test that awaited a client call never sees it missing.
 */
export class CallLog {
  private readonly calls: RecordedCall[] = [];
  private readonly waiters = new Set<Waiter>();

  record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      try {
        if (waiter.matches(call)) waiter.resolve(call);
      } catch (error) {
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  list(method?: string): RecordedCall[] {
    return method === undefined ? [...this.calls] : this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Resolves with the first matching call, already recorded or yet to come; no polling. */
  waitFor(
    method: string,
    predicate: ((c: RecordedCall) => boolean) | undefined,
    timeoutMs: number,
  ): Promise<RecordedCall> {
    const matches = (c: RecordedCall) => c.method === method && (predicate === undefined || predicate(c));
    const found = this.calls.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        matches,
        resolve: (call) => {
          settle();
          resolve(call);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new Error(this.timeoutMessage(method, predicate !== undefined, timeoutMs))),
        timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  /** Fails everyone still waiting; used when the fake stops. */
  abandonWaiters(reason: string): void {
    for (const waiter of [...this.waiters]) waiter.reject(new Error(reason));
  }

  private timeoutMessage(method: string, filtered: boolean, timeoutMs: number): string {
    const counts = new Map<string, number>();
    for (const call of this.calls) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
    const seen = [...counts].map(([m, n]) => `${m} ×${n}`).join(', ') || 'none';
    const detail = filtered && counts.has(method) ? ` (${method} was called, but no call matched the predicate)` : '';
    return `fake Slack: no ${method} call within ${timeoutMs}ms${detail}; methods seen: ${seen}`;
  }
}
