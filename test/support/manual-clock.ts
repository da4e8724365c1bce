import type { Clock } from '../../src/clock';

/** A clock tests move by hand instead of sleeping. */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 10, 24, 9, 0, 0)) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
