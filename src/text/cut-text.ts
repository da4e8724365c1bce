// Made on first use: a segmenter loads ICU's break data, about 3 MB and 10 ms of every start-up.
let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' }));

/**
 * The longest start of `text` at most `max` long, counted in UTF-16 units (what `.length`, zod's
 * `.max` and Slack's limits count), cut between two graphemes. A cut inside a surrogate pair leaves
 * half an emoji, which the database stores as U+FFFD; a cut inside a grapheme splits a flag or
 * takes a letter's accent off. The one way Commander cuts text to a length.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { segment } of graphemes().segment(text)) {
    if (end + segment.length <= max) {
      end += segment.length;
      continue;
    }
    // One grapheme longer than the room (a letter under hundreds of marks): whole code points of it.
    if (end === 0) {
      for (const point of segment) {
        if (end + point.length > max) break;
        end += point.length;
      }
    }
    break;
  }
  return text.slice(0, end);
}

/** Cut to at most `max` with an ellipsis in place of what was left off. */
export function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${cutText(text, max - 1)}…`;
}
