import type { RichText } from '../text/rich-text';

/** What a rule can do: a closed list, so the dry run, the job and every surface handle each. */
export const ACTION_KINDS = ['invite', 'post', 'dm', 'attach', 'bookmark', 'followup', 'webhook', 'escalate'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * An action as decided when its rule fired: who and what, resolved against the incident then
 * (a role's holder, a service's owners, the templates filled in). Stored with the firing, so a
 * restart or another replica does what was decided, and the dry run prints the same thing.
 * Text is RichText (a mention is a user id): the surface it lands on writes its own markup.
 */
export type PlannedAction =
  | { kind: 'invite'; users: string[]; usergroups: string[]; service: string | null }
  | { kind: 'post'; text: RichText }
  /** `role`: the role named (users then holds its holder, or nobody). */
  | { kind: 'dm'; users: string[]; role: string | null; text: RichText }
  | { kind: 'attach'; checklist: string }
  | { kind: 'bookmark'; title: string; link: string }
  | { kind: 'followup'; text: RichText; ownerId: string | null; role: string | null; dueIn: number | null }
  /** `url`: one configured receiver; null: every receiver that takes `rule.fired` events. */
  | { kind: 'webhook'; event: string; url: string | null }
  /** A ladder level by number, or a rotation's primary (`userId`, null when it has nobody on call). */
  | { kind: 'escalate'; level: number | null; rotation: string | null };
