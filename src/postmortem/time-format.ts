import { formatMinuteInZone } from '../text/zoned-time';

/** A zone's offset changes only at quarter hours of UTC (offsets are whole quarter hours, and so are the changes' local times). */
const QUARTER_HOUR = 15 * 60_000;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-03-08 01:40 EST" for a time zone. Asking the zone is slow next to arithmetic, and a
 * timeline holds many entries per quarter hour, so the zone is asked once per quarter hour for its
 * offset and abbreviation, and each minute is worked out from those.
 */
export function minuteFormatter(timezone: string): (ms: number) => string {
  const quarters = new Map<number, { offset: number; zone: string }>();
  const quarterOf = (quarter: number) => {
    let known = quarters.get(quarter);
    if (known === undefined) {
      const start = quarter * QUARTER_HOUR;
      const [date = '', time = '', zone = ''] = formatMinuteInZone(start, timezone).split(' ');
      known = { offset: Date.parse(`${date}T${time}:00Z`) - start, zone };
      if (quarters.size > 10_000) quarters.clear();
      quarters.set(quarter, known);
    }
    return known;
  };
  return (ms) => {
    const { offset, zone } = quarterOf(Math.floor(ms / QUARTER_HOUR));
    const local = new Date(Math.floor(ms / 60_000) * 60_000 + offset);
    return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ${zone}`;
  };
}

/**
 * "2026-03-08 01:40:05 EST": for entries that share their minute with another, which in a long
 * timeline is most of them. The minute's text comes from the same per-minute cache and the
 * seconds are put in: zones are offset from UTC by whole minutes, so a time's seconds are its
 * UTC seconds, and formatting each entry in its zone afresh made a 100,000-entry export ten
 * times slower.
 */
export function secondFormatter(timezone: string): (ms: number) => string {
  const minutes = minuteFormatter(timezone);
  return (ms) => {
    const text = minutes(ms);
    const zoneAt = text.indexOf(' ', 'yyyy-MM-dd HH:mm'.length);
    const seconds = String(Math.floor(ms / 1000) - Math.floor(ms / 60_000) * 60).padStart(2, '0');
    return `${text.slice(0, zoneAt)}:${seconds}${text.slice(zoneAt)}`;
  };
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
