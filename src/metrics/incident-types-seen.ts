/** Incidents whose type the counters remember at most; the oldest learned is forgotten first. */
const REMEMBERED = 10_000;

/**
 * Each incident's type, for labelling counters: learned from its `declared` entry as it passes, and
 * read from the store once for an incident declared before this process started. A counter is
 * incremented when the type is known, at once in all but that first case.
 */
export function incidentTypesSeen(read: (incidentId: number) => Promise<string | undefined>) {
  const types = new Map<number, string>();
  const learn = (incidentId: number, type: string) => {
    types.set(incidentId, type);
    if (types.size > REMEMBERED) types.delete(types.keys().next().value as number);
  };
  return {
    learn,
    /** Calls `use` with the incident's type: now when known, else once the store answers ('unknown' if it cannot). */
    withType(incidentId: number, use: (type: string) => void): void {
      const known = types.get(incidentId);
      if (known !== undefined) {
        use(known);
        return;
      }
      read(incidentId).then(
        (type) => {
          if (type !== undefined) learn(incidentId, type);
          use(type ?? 'unknown');
        },
        () => use('unknown'),
      );
    },
  };
}
