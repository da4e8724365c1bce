import type { TimelineEvent } from '../../timeline/timeline.types';
import { localParts } from '../../text/zoned-time';

/** Night, for a person: from 22:00 to 08:00 on their clock. */
export const QUIET_HOURS = { from: 22, to: 8 } as const;

export const isOutOfHours = (ms: number, timezone: string): boolean => {
  const { hour } = localParts(ms, timezone);
  return hour >= QUIET_HOURS.from || hour < QUIET_HOURS.to;
};

type Entry = TimelineEvent & { at: number };

/**
 * The direct messages an entry says Commander sent, one per recipient: a reminder to the commander,
 * an escalation's briefing to each person called in (a user group is pinged in the channel, not
 * messaged), the commander's overdue-acknowledgement request.
 */
export function dmRecipients(entry: Entry): string[] {
  switch (entry.kind) {
    case 'reminder_sent':
      return [entry.data.to];
    case 'escalated':
      return entry.data.users;
    case 'acknowledgement_overdue':
      return [entry.data.commanderId];
    default:
      return [];
  }
}

/** How many DMs the entries sent, and how many of them landed in the recipient's quiet hours. */
export function interruptions(entries: readonly Entry[], zoneOf: (userId: string) => string) {
  let sent = 0;
  let outOfHours = 0;
  for (const entry of entries)
    for (const to of dmRecipients(entry)) {
      sent++;
      if (isOutOfHours(entry.at, zoneOf(to))) outOfHours++;
    }
  return { sent, outOfHours };
}
