import { formatInTimeZone } from '../text/zoned-time';

/**
 * "2026-03-08 01:40 EST" for a time zone. Timelines hold many entries within the same minute and
 * formatting dates in a zone is slow, so results are cached per minute (never across zones).
 */
export function minuteFormatter(timezone: string): (ms: number) => string {
  const cache = new Map<number, string>();
  return (ms) => {
    const minute = Math.floor(ms / 60_000);
    let text = cache.get(minute);
    if (text === undefined) {
      text = formatInTimeZone(minute * 60_000, timezone, 'yyyy-MM-dd HH:mm zzz');
      if (cache.size > 10_000) cache.clear();
      cache.set(minute, text);
    }
    return text;
  };
}

/** "2026-03-08 01:40:05 EST": for entries that share their minute with another. */
export function secondFormatter(timezone: string): (ms: number) => string {
  return (ms) => formatInTimeZone(ms, timezone, 'yyyy-MM-dd HH:mm:ss zzz');
}

/**
 * Each item with whether it shares its minute with the one before or after it, reading one item
 * ahead so that a stream is never held whole.
 */
export async function* withSharedMinutes<T extends { at: number }>(
  items: AsyncIterable<T> | Iterable<T>,
): AsyncGenerator<[T, boolean]> {
  const minute = (item: T) => Math.floor(item.at / 60_000);
  let previous: T | undefined;
  let current: T | undefined;
  for await (const next of items) {
    if (current)
      yield [current, minute(current) === minute(next) || (!!previous && minute(previous) === minute(current))];
    previous = current;
    current = next;
  }
  if (current) yield [current, !!previous && minute(previous) === minute(current)];
}
