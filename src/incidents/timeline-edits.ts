import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { ChatText } from '../text/rich-text';
import type { Recorder } from '../timeline/record';
import type { TimelineEntry } from '../timeline/timeline.types';
import type { ConversationPort } from './conversation.port';
import { IncidentError } from './incidents.errors';
import { requireAccess } from './permissions';

export type TimelineEdits = ReturnType<typeof createTimelineEdits>;

export interface TimelineEditsDeps {
  store: Repositories<'incidents' | 'timeline' | 'transaction'>;
  /** Writes the edited entry with its line made afresh. */
  recorder: Recorder;
  conversation: Pick<ConversationPort, 'isMember'>;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** Reads what people wrote, in the chat platform's markup. */
  chat: ChatText;
}

/** Entries whose words are what someone wrote; the others are facts whose words Commander makes. */
export const hasText = (entry: TimelineEntry): entry is Extract<TimelineEntry, { kind: 'note' | 'message' }> =>
  entry.kind === 'note' || entry.kind === 'message';

const noEntry = () => new IncidentError('entry_not_found', 'That timeline entry is gone: it was removed.');

/**
 * Fixing the record: people who may change an incident correct an entry's time (and the words of
 * a note or captured message) or remove it; a removed entry is kept, marked, and left out of
 * everything Commander shows. A captured message follows its original when it is edited or deleted.
 */
export function createTimelineEdits({ store, recorder, conversation, policy, clock, logger, chat }: TimelineEditsDeps) {
  async function allowed(entryId: number, actorId: string): Promise<TimelineEntry> {
    const entry = await store.timeline.get(entryId);
    if (!entry) throw noEntry();
    await requireAccess(
      await store.incidents.get(entry.incidentId),
      actorId,
      { need: 'change' },
      policy,
      conversation.isMember,
    );
    return entry;
  }

  const withText = (entry: TimelineEntry, text: string): TimelineEntry =>
    hasText(entry)
      ? ({ ...entry, data: { ...entry.data, source: text, body: chat.read(text) } } as TimelineEntry)
      : entry;

  return {
    /** The entry if this person may change it; for the edit form. */
    entryFor: allowed,

    async edit(input: { entryId: number; actorId: string; at: number; text?: string }): Promise<TimelineEntry> {
      await allowed(input.entryId, input.actorId);
      if (input.at > clock.now()) throw new IncidentError('invalid_input', 'An entry cannot be in the future.');
      const text = input.text?.trim();
      if (input.text !== undefined && !text) throw new IncidentError('invalid_input', 'The entry needs some text.');
      return store.transaction(async (tx) => {
        const entry = await tx.timeline.get(input.entryId);
        if (!entry) throw noEntry();
        const edited = { ...(text === undefined ? entry : withText(entry, text)), at: input.at };
        await recorder.rewrite(tx, edited, { at: clock.now(), by: input.actorId });
        logger.info({ incidentId: entry.incidentId, entryId: entry.id }, 'timeline entry edited');
        return edited;
      });
    },

    async remove(input: { entryId: number; actorId: string }): Promise<TimelineEntry> {
      const entry = await allowed(input.entryId, input.actorId);
      if (await recorder.remove(store, entry, { at: clock.now(), by: input.actorId }))
        logger.info({ incidentId: entry.incidentId, entryId: entry.id }, 'timeline entry removed');
      return entry;
    },

    /** The original of captured messages was edited: their entries say what it says now. */
    async sourceEdited(message: { channelId: string; ts: string; text: string }): Promise<number> {
      const found = await store.transaction(async (tx) => {
        const entries = (await tx.timeline.everyBySource(`${message.channelId}:${message.ts}`)).filter(hasText);
        for (const entry of entries)
          if (entry.data.source !== message.text)
            await recorder.rewrite(tx, withText(entry, message.text), { at: clock.now(), by: null });
        return entries;
      });
      if (found.length > 0) logger.info({ entries: found.map((e) => e.id) }, 'captured message edited at its source');
      return found.length;
    },

    /** The original was deleted: its entries are removed (kept, marked) too. */
    async sourceDeleted(message: { channelId: string; ts: string }): Promise<number> {
      const found = await store.transaction(async (tx) => {
        const entries = (await tx.timeline.everyBySource(`${message.channelId}:${message.ts}`)).filter(hasText);
        for (const entry of entries) await recorder.remove(tx, entry, { at: clock.now(), by: null });
        return entries;
      });
      if (found.length > 0) logger.info({ entries: found.map((e) => e.id) }, 'captured message deleted at its source');
      return found.length;
    },
  };
}
