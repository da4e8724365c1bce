/**
 * Words too common in incident titles and prose to say what an incident is about. Both engines
 * would rank them low anyway; dropping them keeps the search short (SQLite's FTS5 has no stop list).
 */
const STOP = new Set(
  `a an and are as at be been but by can cannot do does for from had has have in into is it its no not of on or our
   so some than that the their them then there these they this to too up was we were what when where which while
   who why will with within without you your after before again all any being both each few more most other over
   same such only own very just now out off down under until once here how`
    .split(/\s+/)
    .filter(Boolean),
);

/** At most this many words are searched for: a title's or a sentence's worth. */
const MAX_WORDS = 16;

/** The words of `text` to search the index for: lower case, letters and digits only, each once. */
export function searchWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !STOP.has(w)))].slice(0, MAX_WORDS);
}
