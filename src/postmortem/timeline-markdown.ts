import type { TimelineEntry } from '../timeline/timeline.types';
import { escapeMarkdown } from './markdown-text';
import { APPENDIX_KINDS, type PostmortemData } from './postmortem.types';
import { minuteFormatter, secondFormatter, withSharedMinutes } from './time-format';

const SAFE_URL = /^https:\/\/[^\s()<>]+$/;

export interface EntryWords {
  person: (id: string | null) => string;
  sentence: (entry: TimelineEntry) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The timeline as a list, then the appendix of reminders and escalations. Both come from one pass
 * over the stream: the appendix's entries are kept aside (there are few) and written after.
 */
export async function* timelineMarkdown(pm: PostmortemData, words: EntryWords): AsyncGenerator<string> {
  const tz = pm.policy.timezone;
  const minutes = minuteFormatter(tz);
  const seconds = secondFormatter(tz);
  const appendix = new Set<string>(APPENDIX_KINDS);
  const count = (kinds: readonly string[]) => kinds.reduce((n, kind) => n + (pm.kindCounts[kind] ?? 0), 0);
  const aside = count(APPENDIX_KINDS);
  const line = (entry: TimelineEntry, shared: boolean) =>
    `- ${(shared ? seconds : minutes)(entry.at)} · ${words.person(entry.actorId)} · ${entryText(entry, words.sentence)}\n`;

  yield `## Timeline\n\n${plural(pm.timelineCount - aside, 'entry', 'entries')}, times in ${escapeMarkdown(tz)}`;
  yield aside > 0 ? '; reminders and escalations are in the appendix.\n\n' : '.\n\n';
  const kept: TimelineEntry[] = [];
  const story = (async function* () {
    for await (const entry of pm.timeline) {
      if (appendix.has(entry.kind)) kept.push(entry);
      else yield entry;
    }
  })();
  for await (const [entry, shared] of withSharedMinutes(story)) yield line(entry, shared);
  yield '\n';
  if (kept.length === 0) return;

  const reminders = count(['reminder_sent']);
  const snoozes = count(['reminder_snoozed']);
  const escalations = count(['escalated']);
  const failures = count(['reminder_failed', 'escalation_failed']);
  yield '## Appendix: reminders and escalations\n\n';
  yield `${plural(reminders, 'reminder')} sent, ${plural(snoozes, 'snooze')}, ${plural(escalations, 'escalation')}`;
  yield failures > 0 ? `, ${plural(failures, 'delivery failure')}.\n\n` : '.\n\n';
  for await (const [entry, shared] of withSharedMinutes(kept)) yield line(entry, shared);
  yield '\n';
}

function entryText(entry: TimelineEntry, sentence: (entry: TimelineEntry) => string): string {
  if (entry.kind !== 'message') return sentence(entry);
  const { permalink } = entry.data;
  const link = permalink && SAFE_URL.test(permalink) ? ` ([message](${permalink}))` : '';
  return `💬 ${sentence(entry)}${link}`;
}
