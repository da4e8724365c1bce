import type { Clock } from '../clock';
import { IncidentError } from './incidents.errors';
import { requireIncident } from './lookup';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { ChatText } from '../text/rich-text';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { TimelineEntry } from '../timeline/timeline.types';

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
  store: Repositories<'incidents' | 'timeline' | 'pendingCaptures' | 'transaction'>;
  /** The one way entries reach the timeline (and webhooks and metrics hear of them). */
  recorder: Recorder;
  clock: Clock;
  logger: Logger;
  /** Reads what people wrote (mentions, links) and when a message was sent, in the platform's formats. */
  chat: ChatText;
}

export function createTimelineService({ store, recorder, clock, logger, chat }: TimelineDeps) {
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
