import { ReconnectBackoff } from '../../../src/slack/transport/reconnect-backoff';

/** `n` attempts in a row, each failing: the waits decided. */
const waits = (backoff: ReconnectBackoff, n: number) =>
  Array.from({ length: n }, () => backoff.failed(backoff.attempt));

describe('waiting before reconnecting', () => {
  it('retries the first failure at once, then doubles the wait up to the cap', () => {
    const backoff = new ReconnectBackoff({ firstMs: 1_000, maxMs: 30_000, random: () => 0.999_999 });
    expect(waits(backoff, 8)).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('waits somewhere in the upper half of each wait, so replicas do not come back in step', () => {
    expect(waits(new ReconnectBackoff({ random: () => 0 }), 4)).toEqual([0, 500, 1_000, 2_000]);
    expect(waits(new ReconnectBackoff({ random: () => 0.5 }), 4)).toEqual([0, 750, 1_500, 3_000]);
  });

  it('counts connections opened together that fail together once', () => {
    const backoff = new ReconnectBackoff({ random: () => 0 });
    const first = backoff.attempt;
    expect([backoff.failed(first), backoff.failed(first)]).toEqual([0, undefined]);
    const second = backoff.attempt;
    expect([backoff.failed(second), backoff.failed(second)]).toEqual([500, undefined]);
  });

  it('starts over once connections hold again', () => {
    const backoff = new ReconnectBackoff({ random: () => 0 });
    waits(backoff, 5);
    backoff.reset();
    expect(waits(backoff, 2)).toEqual([0, 500]);
  });
});
