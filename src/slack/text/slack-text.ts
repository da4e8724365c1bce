import type { ChatText, NameLookup, RichText } from '../../text/rich-text';
import { readableText } from '../../text/rich-text';
import { richMrkdwn } from './rich-mrkdwn';

/** Slack's markup in message and slash-command text: mentions, channels, groups, broadcasts, dates and links. */
const TOKEN = new RegExp(
  [
    /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/.source,
    /<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/.source,
    /<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>/.source,
    /<!(here|channel|everyone)(?:\|[^>]*)?>/.source,
    /<!date\^\d+\^[^|>]*\|([^>]*)>/.source,
    /<((?:https?|mailto):[^|>]+)\|([^>]+)>/.source,
    /<((?:https?|mailto):[^>]+)>/.source,
  ].join('|'),
  'g',
);

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Slack text as RichText: markup becomes data (a mention its user id), entities are decoded. */
export function readSlackText(markup: string): RichText {
  const out: RichText = [];
  const push = (text: string) => {
    if (!text) return;
    const last = out.at(-1);
    if (typeof last === 'string') out[out.length - 1] = last + text;
    else out.push(text);
  };
  let from = 0;
  for (const m of markup.matchAll(TOKEN)) {
    push(decode(markup.slice(from, m.index)));
    from = m.index + m[0].length;
    const label = (n: number) => (m[n] === undefined ? {} : { label: decode(m[n]) });
    if (m[1]) out.push({ user: m[1], ...label(2) });
    else if (m[3]) out.push({ channel: m[3], ...label(4) });
    else if (m[5]) out.push({ usergroup: m[5], ...label(6) });
    else if (m[7]) push(`@${m[7]}`);
    else if (m[8] !== undefined) push(decode(m[8]));
    else if (m[9]) out.push({ link: decode(m[9]), label: decode(m[10] as string) });
    else if (m[11]) out.push({ link: decode(m[11]) });
  }
  push(decode(markup.slice(from)));
  return out;
}

/** Slack text the way a reader saw it: mentions as @names, links as label and address, entities decoded. */
export function readableSlackText(markup: string, names: NameLookup): string {
  return readableText(readSlackText(markup), names);
}

/** Slack message timestamps are seconds with a sequence suffix: "1700000000.000100". */
export function messageTime(ts: string): number | null {
  const ms = Math.round(Number.parseFloat(ts) * 1000);
  return Number.isFinite(ms) ? ms : null;
}

/** How the domain reads Slack's formats without knowing them. */
export const slackText: ChatText = { read: readSlackText, write: richMrkdwn, messageTime };
