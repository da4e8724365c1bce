/**
 * Runs `work` for every item with at most `limit` in flight, so a fan-out stays inside Slack's
 * rate tiers; resolves when all are done. `work` is expected to handle its own failures.
 */
export async function inBatches<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
