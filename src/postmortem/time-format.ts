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
