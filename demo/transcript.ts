/**
 * Block Kit as plain text, for the demo's transcript: roughly what a person reads in Slack, with
 * mentions, channel links and dates resolved. Pure: names come from the `Names` passed in.
 */

export interface Names {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

export const NO_NAMES: Names = { user: () => undefined, channel: () => undefined };

/**
 * mrkdwn as a reader sees it: `*bold*`, `_italic_` and `~strike~` markers dropped, Slack's special
 * syntax (`<…>`) resolved, then the three escaped characters restored (last, so an escaped `&lt;`
 * never turns into syntax).
 */
export function plainText(mrkdwn: string, names: Names = NO_NAMES): string {
  // Specials are set aside first so a link or mention inside bold text keeps its characters.
  const specials: string[] = [];
  const held = mrkdwn.replace(
    /<([^<>]*)>/g,
    (_, inner: string) => `\u0000${specials.push(special(inner, names)) - 1}\u0000`,
  );
  const unformat = (t: string) => t.replace(/(^|[^\p{L}\p{N}])([*_~])(?=\S)([^\n]*?\S)\2(?![\p{L}\p{N}])/gu, '$1$3');
  // Twice, for markers nested one in another (`*_both_*`).
  return unformat(unformat(held))
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => specials[Number(i)]!)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** "*Label*\nvalue", the way fields and labelled sections are written, as one "Label: value" line. */
function labelled(t: any, names: Names): string[] {
  const raw = typeof t?.text === 'string' ? t.text : '';
  const match = t?.type === 'mrkdwn' ? /^\*([^*\n]+)\*\n([^\n]+)$/.exec(raw) : null;
  if (match) return [`${plainText(match[1]!, names)}: ${plainText(match[2]!, names)}`];
  return textOf(t, names).split('\n');
}

function special(inner: string, names: Names): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return `@${names.user(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${names.channel(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!subteam^')) return label ?? `@${target.slice('!subteam^'.length)}`;
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  return label ? `${label} (${target})` : target;
}

const textOf = (t: any, names: Names): string =>
  typeof t?.text !== 'string' ? '' : t.type === 'mrkdwn' ? plainText(t.text, names) : t.text;

/** One interactive element as a short bracketed label: buttons, selects, date pickers. */
function elementLabel(element: any, names: Names): string {
  if (element?.type === 'button') return `[${textOf(element.text, names)}]`;
  if (element?.type === 'overflow') return '[⋯]';
  const shown = element?.initial_option
    ? textOf(element.initial_option.text, names)
    : textOf(element?.placeholder, names);
  return `[${shown || element?.type || '?'} ▾]`;
}

/** What an input shows before anyone types: its initial value, else an empty line. */
function inputValue(element: any, names: Names): string {
  const initial =
    element?.initial_value ??
    (element?.initial_option ? textOf(element.initial_option.text, names) : undefined) ??
    (element?.initial_user ? `@${names.user(element.initial_user) ?? element.initial_user}` : undefined) ??
    (Array.isArray(element?.initial_options) && element.initial_options.length > 0
      ? element.initial_options.map((o: any) => `☑ ${textOf(o.text, names)}`).join(', ')
      : undefined);
  if (initial) return initial;
  if (element?.type === 'checkboxes')
    return (element.options ?? []).map((o: any) => `☐ ${textOf(o.text, names)}`).join(', ');
  return '____';
}

function richText(element: any, names: Names): string {
  if (Array.isArray(element?.elements)) return element.elements.map((e: any) => richText(e, names)).join('');
  switch (element?.type) {
    case 'text':
      return element.text ?? '';
    case 'user':
      return `@${names.user(element.user_id) ?? element.user_id}`;
    case 'channel':
      return `#${names.channel(element.channel_id) ?? element.channel_id}`;
    case 'link':
      return element.text ?? element.url ?? '';
    case 'emoji':
      return `:${element.name}:`;
    default:
      return '';
  }
}

/** One block as lines of text; unknown block types are left out, as older clients do. */
export function renderBlock(block: any, names: Names = NO_NAMES): string[] {
  switch (block?.type) {
    case 'header':
      return [textOf(block.text, names).toUpperCase()];
    case 'section': {
      const lines = block.text ? labelled(block.text, names) : [];
      for (const field of block.fields ?? []) lines.push(...labelled(field, names));
      if (block.accessory && block.accessory.type !== 'image') lines.push(elementLabel(block.accessory, names));
      return lines;
    }
    case 'context':
      return [
        (block.elements ?? [])
          .map((e: any) => (e.type === 'image' ? '' : textOf(e, names)))
          .filter(Boolean)
          .join('  '),
      ];
    case 'actions':
      return [(block.elements ?? []).map((e: any) => elementLabel(e, names)).join(' ')];
    case 'input':
      return [
        `${textOf(block.label, names)}${block.optional ? ' (optional)' : ''}: ${inputValue(block.element, names)}`,
      ];
    case 'divider':
      return ['───'];
    case 'rich_text':
      return richText(block, names).split('\n');
    default:
      return [];
  }
}

export function renderBlocks(blocks: readonly any[], names: Names = NO_NAMES): string[] {
  return blocks.flatMap((b) => renderBlock(b, names));
}

/** A message: its blocks when it has any (that is what Slack shows), else its text. */
export function renderMessage(message: { text?: string; blocks?: readonly any[] }, names: Names = NO_NAMES): string[] {
  if (message.blocks && message.blocks.length > 0) return renderBlocks(message.blocks, names);
  return plainText(message.text ?? '', names).split('\n');
}

/** A modal: title, blocks, then its buttons as Slack draws them at the bottom. */
export function renderModal(view: any, names: Names = NO_NAMES): string[] {
  const lines = [`«${textOf(view?.title, names)}»`, ...renderBlocks(view?.blocks ?? [], names)];
  const buttons = [view?.close, view?.submit].filter(Boolean).map((b: any) => `[${textOf(b, names)}]`);
  if (buttons.length > 0) lines.push(buttons.join(' '));
  return lines;
}

/** The lines of `after` that `before` does not have: what an edit changed, as a reader notices it. */
export function changedLines(before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before);
  return after.filter((line) => !had.has(line));
}

/** A message squeezed onto one line, for edits that only change a field or two. */
export function oneLine(lines: readonly string[], max = 110): string {
  const joined = lines
    .map((l) => l.trim())
    .filter((l) => l && l !== '───')
    .join(' · ');
  return joined.length <= max ? joined : `${joined.slice(0, max - 1)}…`;
}
