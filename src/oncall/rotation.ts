import { fromZonedTime, localParts } from '../text/zoned-time';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Rotation {
  name: string;
  /** Slack user ids in rotation order; each takes one shift as primary, then one as secondary. */
  users: string[];
  /** Shift length in whole days (7 for weekly). */
  lengthDays: number;
  /** The first shift starts on this local date (YYYY-MM-DD) at `handoffTime`, with users[0] as primary. */
  start: string;
  handoffWeekday: Weekday;
  /** Local wall-clock time of every hand-off, "HH:mm". */
  handoffTime: string;
  timezone: string;
  overrides: Array<{ user: string; from: number; to: number }>;
  /** Where hand-off briefings are posted (a channel id), besides the incoming primary's DM. */
  handoffChannel?: string;
}

export interface OnCall {
  primary: string;
  secondary: string | null;
  /** Who takes over as primary at the next hand-off, and when (UTC ms). */
  next: { primary: string; at: number };
  /** The override in force: `user` is primary until `until`, covering for the scheduled `covering`. */
  override: { user: string; until: number; covering: string } | null;
}

/** Who is on call on a named rotation, and in which time zone it is kept. */
export interface RotationNow extends OnCall {
  name: string;
  timezone: string;
}

const DAY = 86_400_000;
/** Local calendar day number of an ISO date, counted in UTC so DST never shifts it. */
const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY;
const isoOfDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The local date of the first hand-off: `start`, moved forward to the hand-off weekday. */
export function firstHandoffDay(rotation: Rotation): number {
  const start = dayNumber(rotation.start);
  const weekday = (new Date(start * DAY).getUTCDay() + 6) % 7; // 0 = Monday
  return start + ((WEEKDAYS.indexOf(rotation.handoffWeekday) - weekday + 7) % 7);
}

/** The UTC instant of the hand-off on a local day, at the local hand-off time (DST-aware). */
export function handoffAt(rotation: Rotation, day: number): number {
  return fromZonedTime(`${isoOfDay(day)}T${rotation.handoffTime}:00`, rotation.timezone).getTime();
}

/** Which shift (0, 1, …) is running at `at`; negative before the rotation starts. */
export function shiftIndex(rotation: Rotation, at: number): number {
  const first = firstHandoffDay(rotation);
  const { date, time } = localParts(at, rotation.timezone);
  const beforeHandoff = time < rotation.handoffTime ? 1 : 0;
  return Math.floor((dayNumber(date) - first - beforeHandoff) / rotation.lengthDays);
}

const activeOverride = (rotation: Rotation, at: number) =>
  rotation.overrides.find((override) => override.from <= at && at < override.to) ?? null;

/** Who is on call at `at`: primary and secondary by rotation order, overrides taking precedence. */
export function onCallAt(rotation: Rotation, at: number): OnCall {
  const n = rotation.users.length;
  const k = Math.max(0, shiftIndex(rotation, at));
  const user = (i: number) => rotation.users[((i % n) + n) % n] as string;
  const scheduled = user(k);
  const override = activeOverride(rotation, at);
  const primary = override?.user ?? scheduled;
  let secondary: string | null = n > 1 ? user(k + 1) : null;
  if (secondary === primary) secondary = scheduled !== primary ? scheduled : null;
  const nextAt = handoffAt(rotation, firstHandoffDay(rotation) + (k + 1) * rotation.lengthDays);
  return {
    primary,
    secondary,
    next: { primary: activeOverride(rotation, nextAt)?.user ?? user(k + 1), at: nextAt },
    override: override ? { user: override.user, until: override.to, covering: scheduled } : null,
  };
}
