import { EVIL } from './hostile-audit';

/**
 * Hostile text, once as a person types it into a modal (Slack sends plain-text inputs as typed)
 * and once as Slack sends slash-command text (`should_escape: true`: `<`, `>` and `&` arrive as
 * entities, mentions and links as `<…>` markup).
 */
export interface HostileCase {
  name: string;
  typed: string;
  slash: string;
}

const MARKDOWN = [
  '# Heading one',
  '## Heading *two*',
  '> quoted _text_ ~struck~',
  '| col | col |',
  '|-----|-----|',
  '```sql',
  'SELECT 1;',
  '```',
  '~~~',
  '',
  '    indented like code',
  '\tand tabbed',
  '- [ ] [click](https://evil.example/x) ![img](https://evil.example/x.png) <b>html</b>',
  '1. numbered `code` \\*escaped\\* (paren) [bracket]',
  '===',
].join('\n');

const BASE: Array<{ name: string; typed: string; slash?: string }> = [
  { name: 'emoji', typed: '🔥 Checkout down 👩‍👩‍👧‍👦 🏳️‍🌈 1️⃣ 🇪🇺 👍🏽 🧑🏿‍💻' },
  { name: 'right-to-left text', typed: 'عطل في الدفع — תקלה בתשלום \u202Egnp.exe\u202C \u2067isolated\u2069 end' },
  { name: 'Markdown and mrkdwn control characters', typed: `*_~\`>#|[]()\n${MARKDOWN}` },
  {
    name: 'mentions and links',
    typed: `<!channel> <!here> <!everyone> <@${EVIL.user}> <#${EVIL.channel}> <!subteam^${EVIL.group}|@oncall> <${EVIL.url}|click> <mailto:a@evil.example|mail>`,
    slash: `<!channel> <!here|here> <!everyone> <@${EVIL.user}|evil> <@${EVIL.user}> <#${EVIL.channel}|secret> <!subteam^${EVIL.group}|@oncall> <${EVIL.url}|click> <${EVIL.url}>`,
  },
  {
    name: 'already-escaped mentions',
    typed: `&lt;!channel&gt; &lt;!here&gt; &lt;@${EVIL.user}&gt; &amp;lt;!everyone&amp;gt;`,
    slash: `&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@${EVIL.user}&gt; &lt;#${EVIL.channel}&gt; &lt;${EVIL.url}|click&gt; &amp;lt;!channel&amp;gt;`,
  },
  { name: 'SQL fragments', typed: 'Robert\'); DROP TABLE incidents;-- " OR 1=1; --' },
  {
    name: 'NUL and other control characters',
    typed: 'nul\u0000 bell\u0007 esc\u001b[31mred\u001b[0m del\u007f zw\u200b ls\u2028 ps\u2029 tab\tcr\r\nend',
  },
];

/** What Slack sends for text a person typed after `/incident`, for the cases without markup of their own. */
function asSlackSends(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ALL = BASE.map((c) => c.typed).join(' ');

/** The first `max` UTF-16 units of text without splitting an emoji (Slack never sends half of one). */
export function cut(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

// 10,000 characters of all of it, so cuts land inside emoji, entities and markup.
const long = cut(ALL.repeat(Math.ceil(10_000 / ALL.length) + 1), 10_000);
const ALL_SLASH = BASE.map((c) => c.slash ?? asSlackSends(c.typed)).join(' ');
const longSlash = cut(ALL_SLASH.repeat(Math.ceil(10_000 / ALL_SLASH.length) + 1), 10_000);

export const CASES: HostileCase[] = [
  ...BASE.map((c) => ({ name: c.name, typed: c.typed, slash: c.slash ?? asSlackSends(c.typed) })),
  { name: '10,000 characters', typed: long, slash: longSlash },
];

export const LONG = CASES.at(-1) as HostileCase;
