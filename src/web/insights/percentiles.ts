import { median } from '../../incidents/stats';

export { median };

/**
 * The nearest-rank percentile: the smallest value with at least `p` percent of the values at or
 * below it; always one of the values, never an interpolation. Null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export const p90 = (values: readonly number[]): number | null => percentile(values, 90);
