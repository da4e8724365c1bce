import { entrySentence, readableWith } from '../../postmortem/entry-text';
import type { ChatText, NameLookup } from '../../text/rich-text';
import type { TimelineEntry } from '../../timeline/timeline.types';

/** One timeline entry as the export writes it (plain text, not yet escaped), with its time and who. */
export interface EntryLine {
  id: string;
  time: string;
  actor: string;
  text: string;
}

export function entryLines(chat: ChatText, names: NameLookup, time: (ms: number) => string) {
  const read = readableWith(chat, names);
  return (entry: TimelineEntry): EntryLine => ({
    id: `${entry.at}-${entry.id}`,
    time: time(entry.at),
    actor: entry.actorId ? `@${names.person(entry.actorId) ?? entry.actorId}` : 'Commander',
    text: entrySentence(entry, names, read, time),
  });
}
