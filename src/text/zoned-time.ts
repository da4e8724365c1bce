import type * as DateFnsTz from 'date-fns-tz';

type Tz = typeof DateFnsTz;
let loaded: Tz | undefined;

/**
 * date-fns-tz loads the whole of date-fns: about a tenth of start-up time and memory, for what
 * only the first time shown or the first rotation read needs. It is loaded then, once.
 */
function tz(): Tz {
  // A require, not an import: an import would load it with this module, at start-up.
  loaded ??= require('date-fns-tz') as Tz;
  return loaded;
}

/** date-fns-tz's formatInTimeZone, loaded on first use. */
export const formatInTimeZone = (...args: Parameters<Tz['formatInTimeZone']>): string => tz().formatInTimeZone(...args);

/**
 * One Intl formatter per zone, kept: date-fns-tz makes an Intl.DateTimeFormat for the zone's name
 * on every call (about half a millisecond), and a kick-off, an announcement or a long export asks
 * for many times in the same few zones.
 */
const minuteFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-08 01:40 EST": `yyyy-MM-dd HH:mm zzz` in the zone, as date-fns-tz's formatInTimeZone writes it. */
export function formatMinuteInZone(ms: number, timezone: string): string {
  let format = minuteFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    minuteFormats.set(timezone, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(ms)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${part.timeZoneName}`;
}

/** date-fns-tz's fromZonedTime, loaded on first use. */
export const fromZonedTime = (...args: Parameters<Tz['fromZonedTime']>): Date => tz().fromZonedTime(...args);

/**
 * Whether Node knows `zone` as an IANA time zone. UTC is taken as read: asking Intl about any
 * zone loads its time-zone data (about 8 MB and 30 ms at start-up), which a policy in UTC never needs.
 */
export function isTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
