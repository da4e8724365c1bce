import type { Fault } from './types';

/** Failures queued per method by FakeSlack.fail(), used up one call at a time in order. */
export class FaultBook {
  private readonly queued = new Map<string, Array<{ fault: Fault; left: number }>>();

  add(method: string, fault: Fault, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`fake Slack: fail() needs times >= 1, got ${times}`);
    const queue = this.queued.get(method) ?? [];
    queue.push({ fault, left: times });
    this.queued.set(method, queue);
  }

  take(method: string): Fault | undefined {
    const queue = this.queued.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.left -= 1;
    if (head.left === 0) queue.shift();
    return head.fault;
  }
}
