/** A change to a running incident that people in its channel are told about. */
export type IncidentChange =
  | { kind: 'severity'; from: string; to: string; reason: string; actorId: string }
  | { kind: 'role'; roleId: string; roleName: string; from: string | null; to: string; actorId: string }
  | { kind: 'reopened'; reason: string; actorId: string }
  /** Affected services added or removed, by the catalog's names. */
  | { kind: 'services'; added: string[]; removed: string[]; actorId: string }
  /** The last message before the channel is archived, `after` ms past resolution. */
  | { kind: 'archiving'; after: number };
