import { type EntryVoice, entrySentence } from '../../postmortem/entry-sentence';
import type { TimelineEvent } from '../../timeline/timeline.types';
import { escapeMrkdwn, slackDate } from './text';
import { richMrkdwn } from '../text/rich-mrkdwn';

/** Slack's voice: people as mentions, what they wrote as they wrote it, outside text escaped. */
const SLACK_VOICE: EntryVoice = {
  person: (userId) => `<@${userId}>`,
  usergroup: (groupId) => `<!subteam^${groupId}>`,
  typed: (text) => text,
  written: (d) => d.source,
  literal: escapeMrkdwn,
  rich: richMrkdwn,
  time: (ms) => slackDate(ms, 'UTC'),
};

/**
 * A timeline entry as one line of Slack text. `/incident timeline` shows it with names instead of
 * mentions.
 */
export function timelineEntryText(entry: TimelineEvent & { at: number }): string {
  return entrySentence(entry, SLACK_VOICE);
}
