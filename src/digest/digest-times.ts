import type { DigestAt } from '../config/digest.config';
import { WEEKDAYS } from '../oncall/rotation';
import { fromZonedTime, localParts } from '../text/zoned-time';

const DAY = 86_400_000;

const isoOfDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The UTC instant of the digest on the local day `day` (days since 1970, counted in UTC so DST never shifts it). */
const digestOn = (day: number, at: DigestAt, timezone: string) =>
  fromZonedTime(`${isoOfDay(day)}T${at.time}:00`, timezone).getTime();

/**
 * The latest digest time at or before `now`: the weekday and time in the zone (DST-aware). Pure,
 * so every replica finds the same one and records it once.
 */
export function lastDigestAt(at: DigestAt, timezone: string, now: number): number {
  const local = localParts(now, timezone);
  const today = Date.parse(`${local.date}T00:00:00Z`) / DAY;
  const back = (local.weekday - 1 - WEEKDAYS.indexOf(at.weekday) + 7) % 7;
  const candidate = digestOn(today - back, at, timezone);
  return candidate <= now ? candidate : digestOn(today - back - 7, at, timezone);
}

/** When the digest before the one at `at` was: the week it covers starts there (a DST change makes it 167 or 169 hours). */
export function previousDigestAt(at: DigestAt, timezone: string, digestAt: number): number {
  return lastDigestAt(at, timezone, digestAt - 1);
}
