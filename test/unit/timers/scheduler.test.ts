import { nextMark, startScheduler, tickInterval, type Timers } from '../../../src/timers/scheduler';
import { createLogger, type Logger } from '../../../src/logger';

/** Timers moved by hand: `advance` fires what falls due, in order, letting each tick's promise settle. */
class ManualTimers implements Timers {
  private current: number;
  private pending = new Map<number, { at: number; wake: () => void }>();
  private nextId = 1;
  constructor(start: number) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  setTimeout(wake: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.current + ms, wake });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get waiting(): number {
    return this.pending.size;
  }
  /** Fires a due timer `lateMs` after its time, as a busy event loop would. */
  async advance(ms: number, lateMs = 0): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      await settle();
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.current = Math.max(this.current, due[1].at + lateMs);
      due[1].wake();
      await settle();
    }
    this.current = Math.max(this.current, until);
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const logger = createLogger('silent');

describe('the scheduler', () => {
  it('ticks on multiples of the interval, even when woken late', async () => {
    const timers = new ManualTimers(12_300);
    const ticks: number[] = [];
    const scheduler = startScheduler({
      everyMs: 5_000,
      tick: async () => void ticks.push(timers.now()),
      logger,
      timers,
    });
    await timers.advance(20_000, 40);
    expect(ticks).toEqual([15_040, 20_040, 25_040, 30_040]);
    await scheduler.stop();
  });

  it('never runs two ticks at once: a slow tick skips the marks it ran past', async () => {
    const timers = new ManualTimers(0);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const scheduler = startScheduler({
      everyMs: 1_000,
      tick: () => {
        started.push(timers.now());
        running++;
        most = Math.max(most, running);
        return new Promise<void>((resolve) => finish.push(() => resolve(void running--)));
      },
      logger,
      timers,
    });
    await timers.advance(1_000);
    await timers.advance(3_500);
    expect(started).toEqual([1_000]);
    finish.shift()!();
    await timers.advance(1_000);
    expect(started).toEqual([1_000, 5_000]);
    expect(most).toBe(1);
    finish.shift()!();
    await scheduler.stop();
  });

  it('stop waits for the tick under way and no tick starts after it', async () => {
    const timers = new ManualTimers(0);
    let ticks = 0;
    let finishTick: () => void = () => undefined;
    const scheduler = startScheduler({
      everyMs: 2_000,
      tick: () => {
        ticks++;
        return new Promise<void>((resolve) => {
          finishTick = resolve;
        });
      },
      logger,
      timers,
    });
    await timers.advance(2_000);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    finishTick();
    await stopping;
    expect(stopped).toBe(true);
    await timers.advance(10_000);
    expect(ticks).toBe(1);
    expect(timers.waiting).toBe(0);
  });

  it('a tick that fails is logged and the next one still comes', async () => {
    const timers = new ManualTimers(0);
    const errors: unknown[] = [];
    const failing = { error: (o: unknown) => void errors.push(o) } as unknown as Logger;
    let ticks = 0;
    const scheduler = startScheduler({
      everyMs: 1_000,
      tick: async () => {
        ticks++;
        throw new Error('database busy');
      },
      logger: failing,
      timers,
    });
    await timers.advance(2_000);
    expect(ticks).toBe(2);
    expect(errors).toHaveLength(2);
    await scheduler.stop();
  });

  it('checks at most once a second, and at the configured interval otherwise', () => {
    expect(tickInterval(200)).toBe(1_000);
    expect(tickInterval(5_000)).toBe(5_000);
    expect(tickInterval(420_000)).toBe(420_000);
    expect(nextMark(12_300, 5_000)).toBe(15_000);
    expect(nextMark(15_000, 5_000)).toBe(20_000);
  });
});
