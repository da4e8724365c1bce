import type { Clock } from '../clock';
import { IncidentError } from './incidents.errors';
import { requireIncident } from './lookup';
import type { Logger } from '../logger';
import type { Repositories, Tx } from '../store';
import type { ChatText } from '../text/rich-text';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { Followup, TimelineEntry } from '../timeline/timeline.types';

/** A chat message someone chose to keep; `ts` is the platform's id for it (it also says when it was sent). */
export interface CapturedMessage {
  channelId: string;
  ts: string;
  authorId: string | null;
  text: string;
  permalink: string | null;
}

export type TimelineService = ReturnType<typeof createTimelineService>;

export interface TimelineDeps {
  store: Repositories<'incidents' | 'timeline' | 'followups' | 'pendingCaptures' | 'transaction'>;
  /** The one way entries reach the timeline (and webhooks and metrics hear of them). */
  recorder: Recorder;
  clock: Clock;
  logger: Logger;
  /** Reads what people wrote (mentions, links) and when a message was sent, in the platform's formats. */
  chat: ChatText;
}

export function createTimelineService({ store, recorder, clock, logger, chat }: TimelineDeps) {
  /** Marks a follow-up done once, on the timeline too. */
  /** Marks the follow-up done in the caller's transaction; the entry is written once, by whoever changed it. */
  async function complete(
    tx: Tx,
    followup: Followup,
    userId: string,
  ): Promise<{ followup: Followup; changed: boolean }> {
    const now = clock.now();
    const changed = await tx.followups.markDone(followup.id, now);
    if (changed) {
      await recorder.record(
        tx,
        entries.followupDone(
          { incidentId: followup.incidentId, at: now, actorId: userId },
          { followupId: followup.id, text: followup.text },
        ),
      );
    }
    return { followup: { ...followup, doneAt: followup.doneAt ?? now }, changed };
  }

  return {
    /** Records a chat message at its original time; the same message is recorded once. */
    async addMessage(
      incidentId: number,
      message: CapturedMessage,
      addedBy: string,
    ): Promise<{ entry: TimelineEntry; created: boolean }> {
      await requireIncident(store, incidentId);
      const now = clock.now();
      const sourceKey = `${message.channelId}:${message.ts}`;
      const data = {
        channelId: message.channelId,
        ts: message.ts,
        permalink: message.permalink,
        addedBy,
        addedAt: now,
        source: message.text,
        body: chat.read(message.text),
      };
      const at = chat.messageTime(message.ts) ?? now;
      const id = await recorder.record(
        store,
        entries.message({ incidentId, at, actorId: message.authorId }, data, sourceKey),
      );
      if (id !== undefined) logger.info({ incidentId, entryId: id }, 'message added to the timeline');
      const entry = (await store.timeline.findBySource(incidentId, sourceKey)) as TimelineEntry;
      return { entry, created: id !== undefined };
    },

    async addNote(incidentId: number, text: string, authorId: string, requestKey: string): Promise<boolean> {
      await requireIncident(store, incidentId);
      const source = text.trim();
      if (!source) throw new IncidentError('empty_note', 'A note needs some text.');
      const entry = entries.note(
        { incidentId, at: clock.now(), actorId: authorId },
        { source, body: chat.read(source) },
        requestKey,
      );
      return (await recorder.record(store, entry)) !== undefined;
    },

    async addFollowup(
      incidentId: number,
      input: { text: string; ownerId: string | null; createdBy: string; requestKey: string; dueAt?: number | null },
    ): Promise<{ followup: Followup; created: boolean }> {
      await requireIncident(store, incidentId);
      const text = input.text.trim();
      if (!text) throw new IncidentError('empty_followup', 'A follow-up needs a description.');
      return store.transaction(async (tx) => {
        const now = clock.now();
        const result = await tx.followups.add({
          incidentId,
          text,
          ownerId: input.ownerId,
          createdBy: input.createdBy,
          createdAt: now,
          requestKey: input.requestKey,
          dueAt: input.dueAt ?? null,
        });
        if (result.created) {
          const followupId = result.followup.id;
          await recorder.record(
            tx,
            entries.followupAdded(
              { incidentId, at: now, actorId: input.createdBy },
              { followupId, ownerId: input.ownerId, text },
            ),
          );
        }
        return result;
      });
    },

    /** Marks the follow-up with this number (as the follow-up list numbers them) done, once. */
    async completeFollowup(
      incidentId: number,
      number: number,
      userId: string,
    ): Promise<{ followup: Followup; changed: boolean }> {
      await requireIncident(store, incidentId);
      return store.transaction(async (tx) => {
        const list = await tx.followups.list(incidentId);
        const followup = list[number - 1];
        if (!followup)
          throw new IncidentError('no_such_followup', `There is no follow-up ${number}.`, {
            number,
            count: list.length,
          });
        return complete(tx, followup, userId);
      });
    },

    /** Marks a follow-up done by its id (the Done button of a nudge); the caller checks who may. */
    completeFollowupById(followupId: number, userId: string): Promise<{ followup: Followup; changed: boolean }> {
      return store.transaction(async (tx) => {
        const followup = await tx.followups.get(followupId);
        if (!followup) throw new IncidentError('no_such_followup', 'That follow-up no longer exists.');
        return complete(tx, followup, userId);
      });
    },

    followupById: (id: number): Promise<Followup | undefined> => store.followups.get(id),

    /** A person's open follow-ups across incidents. */
    openFollowupsOf: (userId: string): Promise<Followup[]> => store.followups.openOwnedBy(userId),

    followups(incidentId: number): Promise<Followup[]> {
      return store.followups.list(incidentId);
    },

    /** The most recent `limit` entries in time order, and how many came before them. */
    async recent(incidentId: number, limit: number): Promise<{ entries: TimelineEntry[]; more: number }> {
      const recent = await store.timeline.recent(incidentId, limit);
      return { entries: recent, more: Math.max(0, (await store.timeline.count(incidentId)) - recent.length) };
    },

    /** Keeps a message while the person picks its incident in a modal. */
    holdCapture(token: string, message: CapturedMessage): Promise<void> {
      return store.pendingCaptures.save(token, message, clock.now());
    },

    async heldCapture(token: string): Promise<CapturedMessage | undefined> {
      return (await store.pendingCaptures.get(token)) as CapturedMessage | undefined;
    },
  };
}
