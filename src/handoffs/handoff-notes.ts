import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Rotation } from '../oncall/rotation';
import type { Store } from '../store';
import type { Handoff } from '../store/handoffs.repository';
import type { ClaimedItem, TimedJob } from '../timers/timed-job';
import { stillHandsOver } from './handoff-times';
import type { HandoffPort } from './handoffs.service';

/** The longest notes kept: the briefing shows them whole, and a Slack section holds 3,000 characters. */
export const NOTES_MAX = 2_000;

/** What the chat side shows of a hand-off when asking for notes. */
export type NotesHandoff = Pick<Handoff, 'id' | 'rotation' | 'at' | 'incoming' | 'notes'>;

/** Whether `userId` may write notes for the hand-off now, and if not, why (for the chat side to say). */
export type NotesState =
  | { state: 'open'; handoff: Handoff; timezone: string }
  | { state: 'briefed'; handoff: Handoff; timezone: string }
  | { state: 'not_yours'; handoff: Handoff }
  | { state: 'unknown' };

export interface HandoffNotesDeps {
  store: Store;
  rotations: readonly Rotation[];
  clock: Clock;
  logger: Logger;
}

/**
 * The outgoing primary's notes: an hour before a hand-off a leased job DMs them an invitation (once,
 * across restarts and replicas); what they write is kept for the briefing, and notes written once the
 * briefing has read them are refused, so the chat side can tell them instead of losing the notes.
 */
export function createHandoffNotes({ store, rotations, clock, logger }: HandoffNotesDeps, port: HandoffPort) {
  const log = logger.child({ component: 'handoff-notes' });
  const rotationOf = (handoff: Handoff) => rotations.find((r) => r.name === handoff.rotation);
  const zoneOf = (handoff: Handoff) => rotationOf(handoff)?.timezone ?? 'UTC';

  async function work(item: ClaimedItem): Promise<boolean> {
    const handoff = await store.handoffs.get(item.id);
    if (!handoff || handoff.promptDueAt === null || handoff.promptDueAt > item.now) {
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    // Asking after the hand-off (Commander was down), or for one the policy no longer makes, would
    // only ask for notes nobody reads.
    const rotation = rotationOf(handoff);
    const gone = !rotation || !stillHandsOver(rotation, handoff);
    if (!handoff.outgoing || handoff.notesClosedAt !== null || item.now >= handoff.at || gone) {
      await item.complete((tx) => tx.handoffs.promptDone(handoff.id, null));
      return false;
    }
    try {
      await port.askForNotes(handoff, zoneOf(handoff), { mayExist: item.takenOver });
    } catch (error) {
      log.warn({ err: error, rotation: handoff.rotation }, 'could not ask for hand-off notes');
      await store.transaction((tx) => item.release(tx));
      return false;
    }
    const done = await item.complete((tx) => tx.handoffs.promptDone(handoff.id, item.now));
    if (!done.held) log.warn({ rotation: handoff.rotation }, 'notes lease lost before the invitation was recorded');
    return true;
  }

  async function state(handoffId: number, userId: string): Promise<NotesState> {
    const handoff = await store.handoffs.get(handoffId);
    if (!handoff) return { state: 'unknown' };
    if (handoff.outgoing !== userId) return { state: 'not_yours', handoff };
    const timezone = zoneOf(handoff);
    return { state: handoff.notesClosedAt === null ? 'open' : 'briefed', handoff, timezone };
  }

  return {
    job: { name: 'hand-off notes', kind: 'handoffNotesPrompt', batch: 10, work } satisfies TimedJob,
    /** Who may write the hand-off's notes, and whether it is still time. */
    state,
    /** Keeps the notes (as typed, trimmed by the caller), unless the briefing has read them already. */
    async save(handoffId: number, userId: string, notes: string): Promise<NotesState> {
      const now = clock.now();
      if (await store.handoffs.saveNotes(handoffId, userId, notes, now)) {
        log.info({ handoffId }, 'hand-off notes saved');
        return state(handoffId, userId);
      }
      return state(handoffId, userId).then((s) => (s.state === 'open' ? { ...s, state: 'briefed' } : s));
    },
  };
}

export type HandoffNotes = ReturnType<typeof createHandoffNotes>;
