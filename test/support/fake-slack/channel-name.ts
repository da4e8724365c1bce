/**
 * conversations.create's name rules, in the order Slack reports them: "Channel names may only
 * contain lowercase letters, numbers, hyphens, and underscores, and must be 80 characters or less."
 * Returns the Slack error code, or undefined for a valid name. Uniqueness (`name_taken`) needs the
 * workspace, so the caller checks it.
 */
export function channelNameError(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'invalid_name_required';
  if (name.length > 80) return 'invalid_name_maxlength';
  // Upper case counts as special: Slack refuses rather than lower-casing.
  if (/[^a-z0-9_-]/.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}
