import { fromZonedTime } from '../../../text/zoned-time';
import { parseDuration } from '../../../config/duration';
import { IncidentError } from '../../../incidents/incidents.errors';

const OWNER = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*$/;
const DUE = /\s*\b(?:by\s+(\d{4}-\d{2}-\d{2})|in\s+(\d+[dhm]))\s*$/i;

export interface FollowupArgs {
  text: string;
  ownerId: string | null;
  /** The end of the day given (in the policy's zone), or now plus the duration given. */
  dueAt: number | null;
}

/**
 * "Add an alert @bob by 2026-12-14" or "… in 5d": a trailing mention names the owner and a
 * trailing `by <date>` / `in <duration>` the due date, in either order. A mention arrives as <@U123|bob>.
 */
export function parseFollowupArgs(args: string, now: number, tz: string): FollowupArgs {
  let rest = args.trim();
  let ownerId: string | null = null;
  let dueAt: number | null = null;
  for (let i = 0; i < 2; i++) {
    const owner: RegExpExecArray | null = ownerId === null ? OWNER.exec(rest) : null;
    if (owner) {
      ownerId = owner[1] as string;
      rest = rest.slice(0, owner.index).trim();
      continue;
    }
    const due: RegExpExecArray | null = dueAt === null ? DUE.exec(rest) : null;
    if (due) {
      dueAt = due[1] ? endOfDay(due[1], tz) : now + (parseDuration(due[2] as string) ?? 0);
      if (dueAt <= now) throw new IncidentError('invalid_input', 'That due date has passed: give one from today on.');
      rest = rest.slice(0, due.index).trim();
    }
  }
  return { text: rest, ownerId, dueAt };
}

function endOfDay(date: string, tz: string): number {
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date)
    throw new IncidentError('invalid_input', `${date} is not a date. Write it as YYYY-MM-DD, e.g. by 2026-12-14.`);
  return fromZonedTime(`${date}T23:59:59.999`, tz).getTime();
}
