import type { Fault } from './types';

/** Failures queued per method by FakeSlack.fail(), used up one call at a time in order. */
/** Picks the calls a fault applies to, by their arguments (e.g. one channel's posts). */
export type CallMatcher = (args: Record<string, any>) => boolean;

export class FaultBook {
  private readonly queued = new Map<string, Array<{ fault: Fault; left: number; when?: CallMatcher }>>();

  add(method: string, fault: Fault, times: number, when?: CallMatcher): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`fake Slack: fail() needs times >= 1, got ${times}`);
    const queue = this.queued.get(method) ?? [];
    queue.push({ fault, left: times, ...(when ? { when } : {}) });
    this.queued.set(method, queue);
  }

  /** The first queued fault of the method whose matcher (if any) takes these arguments. */
  take(method: string, args: Record<string, unknown> = {}): Fault | undefined {
    const queue = this.queued.get(method);
    const index = queue?.findIndex((q) => !q.when || q.when(args)) ?? -1;
    const entry = queue?.[index];
    if (!queue || !entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) queue.splice(index, 1);
    return entry.fault;
  }
}
