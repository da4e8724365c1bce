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
