/**
 * Just enough Markdown for the tests that hold the README and docs/ to the code: sections, tables,
 * links, and the anchors GitHub gives headings. Fenced code is skipped everywhere, since a `#` or
 * a `[x](y)` inside a code block is neither a heading nor a link.
 */

/** The lines of a text outside fenced code blocks, each with its index. */
export function proseLines(text: string): { line: string; index: number }[] {
  const lines: { line: string; index: number }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
      return;
    }
    if (marker) {
      fence = marker;
      return;
    }
    lines.push({ line, index });
  });
  return lines;
}

/** ATX headings outside code: level and text. */
export function headings(text: string): { level: number; text: string }[] {
  return proseLines(text).flatMap(({ line }) => {
    const m = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    return m ? [{ level: m[1]!.length, text: m[2]! }] : [];
  });
}

/**
 * The anchor GitHub gives a heading (github-slugger, as github.com renders READMEs): the heading's
 * text without its markup, lower-cased, everything but letters, digits, `_`, `-` and spaces
 * dropped, spaces turned into `-`. A repeated heading gets `-1`, `-2`… in order.
 */
export function headingSlugs(text: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  for (const heading of headings(text)) {
    const rendered = heading.text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
      .replace(/<[^>]+>/g, '') // inline HTML
      .replace(/(^|[^\p{L}\p{N}])_+([^_]+?)_+(?=[^\p{L}\p{N}]|$)/gu, '$1$2'); // _emphasis_
    const base = rendered
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

/** Link destinations outside code (inline links, images and reference definitions), with their line numbers. */
export function links(text: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  for (const { line, index } of proseLines(text)) {
    const prose = line.replace(/(`+)(?:(?!\1).)+\1/g, ''); // inline code spans
    for (const m of prose.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ target: m[1]!.replace(/^<|>$/g, ''), line: index + 1 });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(prose);
    if (definition) found.push({ target: definition[1]!.replace(/^<|>$/g, ''), line: index + 1 });
  }
  return found;
}

/** The text of the section under a heading, up to the next heading of the same or a higher level. */
export function section(text: string, heading: string, name = 'the document'): string {
  const level = heading.match(/^#+/)![0].length;
  const lines = text.split('\n');
  const prose = proseLines(text);
  const start = prose.find(({ line }) => line === heading);
  if (!start) throw new Error(`${name} has no "${heading}"`);
  const next = prose.find(({ line, index }) => index > start.index && new RegExp(`^#{1,${level}} `).test(line));
  return lines.slice(start.index + 1, next?.index).join('\n');
}

/** First-column cells of each Markdown table in a text, one array per table (a blank line ends a table). */
export function tables(text: string): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (!current) {
      current = [];
      found.push(current);
    }
    current.push(line.split('|')[1]!.trim());
  }
  // Drop each table's header and its --- row.
  return found.map((rows) => rows.slice(2));
}

/** The names in backticks in a table cell. */
export const codeIn = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
