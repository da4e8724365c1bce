/** Resolves Slack ids to names for text shown outside Slack; unknown ids stay as ids. */
export interface NameLookup {
  person(userId: string): string | undefined;
}

/**
 * Turns Slack message markup into what a reader saw: mentions become @names, links their label
 * and address, dates their fallback text, and HTML entities are decoded.
 */
export function readableSlackText(text: string, names: NameLookup): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `@${names.person(id) ?? label ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `#${label || id}`)
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => label || `@${id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Escapes text so that it stays text in Markdown: no headings, lists, tables, code, HTML or
 * links can come out of it, whatever a person typed. Control characters are dropped, and so is
 * leading indentation: four spaces or a tab after a blank line would start a code block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .split('\n')
    .map((line) =>
      line
        .replace(/^[ \t]+/, '')
        .replace(/[\\`*_{}[\]<>|~#!]/g, '\\$&')
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** User text as the body of a list item: escaped, with continuation lines indented under it. */
export function listItemText(text: string): string {
  return escapeMarkdown(text.trim())
    .split('\n')
    .map((line, i) => (i === 0 ? line : `  ${line}`))
    .join('\n');
}
