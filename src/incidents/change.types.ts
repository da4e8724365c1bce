/** A change to a running incident that people in its channel are told about. */
export type IncidentChange =
  | { kind: 'severity'; from: string; to: string; reason: string; actorId: string }
  | { kind: 'role'; roleId: string; roleName: string; from: string | null; to: string; actorId: string }
  | { kind: 'reopened'; reason: string; actorId: string }
  /** Affected services added or removed, by the catalog's names. */
  | { kind: 'services'; added: string[]; removed: string[]; actorId: string }
  /** Linked to another incident: what the other is to this one; its title only when this channel may see it. */
  | {
      kind: 'linked';
      otherId: number;
      otherTitle: string;
      otherChannelId: string | null;
      link: 'related' | 'duplicate_of' | 'duplicated_by' | 'child_of' | 'parent_of';
      actorId: string;
    }
  /** The last message before the channel is archived, `after` ms past resolution. */
  | { kind: 'archiving'; after: number };
