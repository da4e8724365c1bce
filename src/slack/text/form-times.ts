import { formatInTimeZone, fromZonedTime } from '../../text/zoned-time';

const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-03-08 01:40" in a zone, with the seconds only when there are some. */
export function formatZoned(ms: number, tz: string): string {
  return formatInTimeZone(ms, tz, ms % 60_000 === 0 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm:ss');
}

/**
 * A wall-clock time someone typed, read in their zone; undefined when it is not one (a 31st of
 * February, 25:00). A time a DST change skips reads as the instant after the gap.
 */
export function parseZoned(text: string, tz: string): number | undefined {
  const match = WRITTEN.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const wall = `${y}-${mo}-${d}T${(h as string).padStart(2, '0')}:${mi}:${s ?? '00'}`;
  const check = new Date(`${wall}Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 19) !== wall) return undefined;
  return fromZonedTime(wall, tz).getTime();
}

/** The minute `ms` is in: forms show and take minutes, so the current minute counts as now. */
export const minuteOf = (ms: number): number => ms - (ms % 60_000);
