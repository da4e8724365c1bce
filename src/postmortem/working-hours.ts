import { fromZonedTime, localParts } from '../text/zoned-time';

/** Nudges wait for the working day in the reader's zone: Monday to Friday, 09:00 to 18:00 (runbook 002). */
export const WORKING_HOURS = { from: 9, to: 18 } as const;

const HOUR = 3_600_000;

const isWorkday = (ms: number, tz: string) => localParts(ms, tz).weekday <= 5;
const hourIn = (ms: number, tz: string) => localParts(ms, tz).hour;

export function inWorkingHours(ms: number, tz: string): boolean {
  const hour = hourIn(ms, tz);
  return isWorkday(ms, tz) && hour >= WORKING_HOURS.from && hour < WORKING_HOURS.to;
}

/** The first moment at or after `ms` within working hours in the zone (09:00 of the next workday at the latest). */
export function nextWorkingMoment(ms: number, tz: string): number {
  if (inWorkingHours(ms, tz)) return ms;
  for (let day = 0; day < 8; day++) {
    const { date } = localParts(ms + day * 24 * HOUR, tz);
    const opening = fromZonedTime(`${date}T${String(WORKING_HOURS.from).padStart(2, '0')}:00:00`, tz).getTime();
    if (opening >= ms && isWorkday(opening, tz)) return opening;
  }
  return ms;
}

/** The same time of day on the next workday, moved into working hours: for "once a working day". */
export function nextWorkingDay(ms: number, tz: string): number {
  let next = ms + 24 * HOUR;
  while (!isWorkday(next, tz)) next += 24 * HOUR;
  return nextWorkingMoment(next, tz);
}
