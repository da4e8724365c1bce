import { hasText } from '../../incidents/timeline-edits';
import type { TimelineEntry } from '../../timeline/timeline.types';
import { formatZoned } from '../text/form-times';
import { CALLBACK, FIELD } from './ids';
import { context, type ModalView, modal, textInput } from './kit';
import { truncate } from './text';
import { timelineEntryText } from './timeline-entry-text';

/** What the edit form carries: the entry, the zone its time is written in, and where to answer. */
export interface EntryEditMetadata {
  entryId: number;
  tz: string;
  channelId: string | null;
}

/** An entry's time, in the reader's zone, and for a note or captured message its words. */
export function entryEditModal(entry: TimelineEntry, tz: string, channelId: string | null): ModalView {
  const text = hasText(entry) ? entry.data.source : null;
  return modal({
    callbackId: CALLBACK.editEntry,
    title: 'Edit timeline entry',
    submit: 'Save',
    metadata: { entryId: entry.id, tz, channelId } satisfies EntryEditMetadata,
    blocks: [
      context(truncate(text === null ? timelineEntryText(entry) : 'A note or message: its time and its words.', 300)),
      textInput(FIELD.entryTime, {
        label: 'Time',
        initial: formatZoned(entry.at, tz),
        maxLength: 19,
        hint: `In your time zone (${tz}), as YYYY-MM-DD HH:MM[:SS].`,
      }),
      ...(text === null ? [] : [textInput(FIELD.entryText, { label: 'Text', multiline: true, initial: text })]),
    ],
  });
}
