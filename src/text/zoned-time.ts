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
 * One Intl formatter per zone, kept, with every field the helpers below read: date-fns-tz makes an
 * Intl.DateTimeFormat for the zone's name on every call (about half a millisecond), and a kick-off,
 * an announcement, a long export, each hand-off computed and each working-hours check ask for
 * many times in the same few zones.
 */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

type ZonedFields = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function fieldsInZone(ms: number, timezone: string): ZonedFields {
  let format = zoneFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      timeZoneName: 'short',
    });
    zoneFormats.set(timezone, format);
  }
  const part: ZonedFields = {};
  for (const { type, value } of format.formatToParts(ms)) part[type] = value;
  return part;
}

/** "2026-03-08 01:40 EST": `yyyy-MM-dd HH:mm zzz` in the zone, as date-fns-tz's formatInTimeZone writes it. */
export function formatMinuteInZone(ms: number, timezone: string): string {
  const part = fieldsInZone(ms, timezone);
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${part.timeZoneName}`;
}

/** A moment's calendar fields in a zone: what rotations and working hours ask of it. */
export interface LocalParts {
  /** `yyyy-MM-dd`. */
  date: string;
  /** `HH:mm`, 00:00 to 23:59. */
  time: string;
  hour: number;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local date, time and weekday of `ms` in the zone. */
export function localParts(ms: number, timezone: string): LocalParts {
  const part = fieldsInZone(ms, timezone);
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}`,
    hour: Number(part.hour),
    weekday: WEEKDAY[part.weekday ?? ''] ?? 0,
  };
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
