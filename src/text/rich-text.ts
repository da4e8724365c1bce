/**
 * Text a person wrote, with what the chat platform marks up in it (mentions, channel links,
 * links) kept as data: a user is an id, not the platform's mention markup. Every surface
 * renders it its own way.
 */
export type Segment =
  | string
  | { user: string; label?: string }
  | { channel: string; label?: string }
  | { usergroup: string; label?: string }
  | { link: string; label?: string };

export type RichText = Segment[];

/** Resolves user ids to names for text shown outside the chat; unknown ids stay as ids. */
export interface NameLookup {
  person(userId: string): string | undefined;
}

/**
 * What the chat platform's own formats mean, for the domain that must not know them: text people
 * wrote (with the platform's markup) as RichText, and the time a message id stands for.
 */
export interface ChatText {
  read(text: string): RichText;
  /** Rich text in the platform's markup, as text people type is kept (a follow-up a rule adds). */
  write(text: RichText): string;
  /** When the message with this id was sent (UTC ms), if its id says. */
  messageTime(messageId: string): number | null;
}

/** Rich text as a reader saw it: mentions as @names, links as their label and address. */
export function readableText(text: RichText, names: NameLookup): string {
  return text.map((s) => readableSegment(s, names)).join('');
}

function readableSegment(segment: Segment, names: NameLookup): string {
  if (typeof segment === 'string') return segment;
  if ('user' in segment) return `@${names.person(segment.user) ?? segment.label ?? segment.user}`;
  if ('channel' in segment) return `#${segment.label || segment.channel}`;
  if ('usergroup' in segment) return segment.label || `@${segment.usergroup}`;
  return segment.label ? `${segment.label} (${segment.link})` : segment.link;
}
