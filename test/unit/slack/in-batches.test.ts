import { inBatches } from '../../../src/slack/adapters/in-batches';

/** Work that finishes only when the test says so, so that what is in flight can be counted. */
function controlledWork() {
  const pending: Array<{ item: number; finish: () => void }> = [];
  const started: number[] = [];
  const work = (item: number) =>
    new Promise<void>((resolve) => {
      started.push(item);
      pending.push({ item, finish: resolve });
    });
  const finishOne = async () => {
    pending.shift()?.finish();
    // Let the freed lane take its next item.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { work, started, pending, finishOne };
}

describe('inBatches', () => {
  it('keeps at most `limit` in flight, starts the next as one finishes, and does every item once', async () => {
    const { work, started, pending, finishOne } = controlledWork();
    const all = inBatches([1, 2, 3, 4, 5, 6], 4, work);
    await Promise.resolve();
    expect(started).toEqual([1, 2, 3, 4]);
    await finishOne();
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(pending).toHaveLength(4);
    while (pending.length > 0) await finishOne();
    await all;
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does nothing for no items', async () => {
    const { work, started } = controlledWork();
    await inBatches([], 4, work);
    expect(started).toEqual([]);
  });
});
