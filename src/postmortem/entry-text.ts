import { type ChatText, type NameLookup, readableText } from '../text/rich-text';
import { type EntryVoice, entrySentence as sentenceIn } from './entry-sentence';
import type { NewTimelineEntry, TimelineEvent } from '../timeline/timeline.types';

/** Reads text people wrote (in the chat platform's markup) as a reader saw it, with names for ids. */
export type Readable = (typed: string) => string;

export const readableWith =
  (chat: ChatText, names: NameLookup): Readable =>
  (typed) =>
    readableText(chat.read(typed), names);

/** The plain voice: people by name, what they wrote as they saw it, nothing escaped yet. */
function plainVoice(names: NameLookup, read: Readable, time: (ms: number) => string): EntryVoice {
  const at = (id: string) => `@${names.person(id) ?? id}`;
  return {
    person: at,
    usergroup: (id) => `@${id}`,
    typed: read,
    written: (d) => (d.body ? readableText(d.body, names) : read(d.source)),
    literal: (text) => text,
    rich: (text) => readableText(text, names),
    time,
  };
}

/**
 * A timeline entry as one plain sentence for documents outside the chat (the postmortem, the JSON
 * export): people by name, what they wrote as they saw it. Not yet escaped for any format.
 */
export function entrySentence(
  entry: TimelineEvent & { at: number },
  names: NameLookup,
  read: Readable,
  time: (ms: number) => string = (ms) => new Date(ms).toISOString(),
): string {
  return sentenceIn(entry, plainVoice(names, read, time));
}

const NO_NAMES: NameLookup = { person: () => undefined };

/**
 * The one line stored with each entry for people and tools that read the database directly: the
 * same plain sentence as the documents, with people as @user-ids (names are not known where the
 * entry is written) and no markup of any chat platform in it.
 */
export function plainEntryLine(chat: ChatText): (entry: NewTimelineEntry) => string {
  const read = readableWith(chat, NO_NAMES);
  return (entry) => entrySentence(entry, NO_NAMES, read);
}
