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
 * Characters nobody sees: spaces, format characters (zero-width space and joiner, marks) and the
 * other default-ignorable code points such as variation selectors and the Hangul filler.
 */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]*$/u;

/** False for text made only of spaces, control and zero-width characters: it would show as nothing. */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE.test(text);
}
