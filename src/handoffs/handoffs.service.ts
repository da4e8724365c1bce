import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Rotation } from '../oncall/rotation';
import type { Store } from '../store';
import type { Handoff } from '../store/handoffs.repository';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { type Briefing, buildBriefing } from './briefing';
import { primaryChanges, stillHandsOver } from './handoff-times';

/** A hand-off missed by more than this (Commander was down) is not briefed any more: it is news no longer. */
export const LATE_LIMIT = 86_400_000;

/** How long before a hand-off the outgoing primary is asked for notes. */
export const NOTES_NOTICE = 3_600_000;

/** How a briefing reaches chat; Slack implements it (src/slack/adapters/handoff-port.ts). */
export interface HandoffPort {
  /**
   * DMs the incoming primary and posts in `channel` when there is one. `mayExist`: an earlier
   * attempt may have sent them (a replica took the hand-off over), so look before sending.
   */
  brief(briefing: Briefing, channel: string | null, key: { mayExist: boolean }): Promise<void>;
  /** DMs the outgoing primary an invitation to write notes for the incoming one (a form). */
  askForNotes(handoff: Handoff, timezone: string, key: { mayExist: boolean }): Promise<void>;
}

export interface HandoffsDeps {
  store: Store;
  rotations: readonly Rotation[];
  clock: Clock;
  logger: Logger;
}

/**
 * Hand-off briefings: each tick records the changes of primary of the last day and the coming hour
 * (once per rotation and time, whoever records it first); one leased job asks the outgoing primary
 * for notes an hour before (handoff-notes.ts), another briefs each hand-off once when it comes.
 */
export function createHandoffs({ store, rotations, clock, logger }: HandoffsDeps, port: HandoffPort) {
  const log = logger.child({ component: 'handoffs' });

  async function find(): Promise<number> {
    const now = clock.now();
    let recorded = 0;
    for (const rotation of rotations)
      for (const change of primaryChanges(rotation, now - LATE_LIMIT, now + NOTES_NOTICE))
        if (await store.handoffs.record(change, change.at - NOTES_NOTICE)) recorded += 1;
    return recorded;
  }

  async function work(item: ClaimedItem): Promise<boolean> {
    const handoff = await store.handoffs.get(item.id);
    if (!handoff || handoff.dueAt === null || handoff.dueAt > item.now) {
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    const rotation = rotations.find((r) => r.name === handoff.rotation);
    if (!rotation || item.now - handoff.at > LATE_LIMIT || !stillHandsOver(rotation, handoff)) {
      log.info({ rotation: handoff.rotation, at: handoff.at }, 'hand-off too late or no longer so: not briefed');
      await item.complete(async (tx) => {
        await tx.handoffs.closeNotes(handoff.id, item.now);
        await tx.handoffs.done(handoff.id, null);
      });
      return false;
    }
    try {
      // Notes are closed before they are read: one written after this is refused and its writer
      // told, rather than saved where no briefing will read it.
      await store.handoffs.closeNotes(handoff.id, item.now);
      const closed = (await store.handoffs.get(handoff.id)) ?? handoff;
      const briefing = await buildBriefing(store, closed, rotation, item.now);
      await port.brief(briefing, rotation.handoffChannel ?? null, { mayExist: item.takenOver });
    } catch (error) {
      // Left due, its lease given back: the next tick tries again.
      log.warn({ err: error, rotation: handoff.rotation }, 'could not send the hand-off briefing');
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    const done = await item.complete((tx) => tx.handoffs.done(handoff.id, item.now));
    if (!done.held) log.warn({ rotation: handoff.rotation }, 'hand-off lease lost before its briefing was recorded');
    return true;
  }

  const job: TimedJob = { name: 'handoffs', kind: 'handoff', batch: 10, work };
  return { find, job };
}
