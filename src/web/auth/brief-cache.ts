import type { Clock } from '../../clock';

/**
 * Answers kept for `ttlMs` (a person's zone, who has an e-mail address): every page would otherwise
 * ask Slack again, and Slack limits users.* to about a hundred calls a minute. Failures are not kept.
 */
export function briefCache<V>(clock: Clock, ttlMs: number, max = 5_000) {
  const kept = new Map<string, { value: V; at: number }>();
  return async (key: string, load: () => Promise<V>): Promise<V> => {
    const now = clock.now();
    const hit = kept.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = await load();
    if (kept.size >= max) for (const [k, v] of kept) if (now - v.at >= ttlMs) kept.delete(k);
    if (kept.size >= max) kept.clear();
    kept.set(key, { value, at: now });
    return value;
  };
}
