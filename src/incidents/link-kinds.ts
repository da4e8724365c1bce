/** What another incident is to this one, as a link between them says. */
export type LinkKind = 'related' | 'duplicate_of' | 'duplicated_by' | 'child_of' | 'parent_of';

/** The same link read from the other incident. */
export const REVERSE_LINK: Record<LinkKind, LinkKind> = {
  related: 'related',
  duplicate_of: 'duplicated_by',
  duplicated_by: 'duplicate_of',
  child_of: 'parent_of',
  parent_of: 'child_of',
};
