/**
 * Control characters (tab and line breaks stay), C1 controls, and the bidi embeddings, overrides
 * and isolates (U+202A–202E, U+2066–2069) that reverse the text shown after them: the "Trojan
 * Source" trick. Right-to-left scripts need none of them to show correctly.
 */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * What every piece of text a person gives Commander goes through once, on the way in (slash-command
 * text, form fields, captured messages), so that the database, Slack and exports hold the same text.
 */
export function cleanText(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * Deeper than any body Commander reads (an alert group's labels are four levels down): what lies
 * below is refused or dropped by the body's schema, so it is left as it is rather than walked.
 */
const DEEPEST = 8;

/**
 * cleanText on every string of a parsed JSON body, names of fields and labels included: how a body
 * from another system (an alert) gets the cleaning typed text gets, before it is read.
 */
export function cleanStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (depth >= DEEPEST || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => cleanStrings(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanStrings(v, depth + 1)]));
}

/**
 * Characters nobody sees: spaces, format characters (zero-width space and joiner, marks) and the
 * other default-ignorable code points such as variation selectors and the Hangul filler.
 */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]*$/u;

/** False for text made only of spaces, control and zero-width characters: it would show as nothing. */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE.test(text);
}
