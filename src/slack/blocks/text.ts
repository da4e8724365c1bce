import { cleanText } from '../../text/clean-text';
import { shortened } from '../../text/cut-text';
import { formatMinuteInZone } from '../../text/zoned-time';

/** Slack's documented limits that user text must be cut to (reference/slack-platform.md §2.6). */
export const LIMITS = {
  sectionText: 3000,
  field: 2000,
  header: 150,
  buttonText: 75,
  optionText: 75,
  modalTitle: 24,
  topic: 250,
  messageText: 4000,
  plainTextInput: 3000,
} as const;

/**
 * Cuts text so its length (in UTF-16 units, the stricter way to count) is at most `max`, ending
 * with an ellipsis; never splits an emoji or other grapheme (cutText).
 */
export const truncate = shortened;

/** User text without control characters and bidi overrides; for inputs pre-filled with stored text. */
export const withoutControls = cleanText;

/**
 * Makes user text inert in mrkdwn: `<!channel>`, `<@U…>` and links cannot be injected. Bold and
 * italics stay, as people type them on purpose. Control characters are dropped (withoutControls).
 */
export function escapeMrkdwn(text: string): string {
  return withoutControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped and cut so that the escaped form fits `max` (escaping lengthens text). */
export function safeMrkdwn(text: string, max: number): string {
  let budget = max;
  let escaped = escapeMrkdwn(truncate(text, budget));
  while (escaped.length > max) {
    budget -= escaped.length - max;
    escaped = escapeMrkdwn(truncate(text, budget));
  }
  return escaped;
}

/** Plain text for places that render no markup (titles, topics, buttons), cut to `max`. */
export function plain(text: string, max: number): string {
  return truncate(withoutControls(text).replace(/\s+/g, ' ').trim(), max) || '-';
}

/**
 * The top-level `text` of a message is mrkdwn too (and is what notifications show): plain,
 * short, and escaped so no mention in user text can ping anyone.
 */
export function notificationText(text: string, max = 300): string {
  return escapeMrkdwn(plain(text, max));
}

/** A time Slack shows in each reader's own time zone, with a fallback in the configured zone. */
export function slackDate(ms: number, timezone: string, format = '{date_short_pretty} at {time}'): string {
  return `<!date^${Math.floor(ms / 1000)}^${format}|${formatMinuteInZone(ms, timezone)}>`;
}

/** Slash-command text arrives escaped with mentions as <@U123|name>; this gives readable text back. */
export function fromSlackText(text: string): string {
  return text
    .replace(/<[@#!]?[^|>]*\|([^>]*)>/g, (_m, label: string) => label)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
