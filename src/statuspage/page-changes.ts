/**
 * Tells the served page that this process changed what it shows (after the change's commit), so it
 * is rebuilt at once rather than at the next version check. Made before the services and the server.
 */
export function createPageChanges() {
  const listeners = new Set<() => void>();
  return {
    notify(): void {
      for (const listen of listeners) listen();
    },
    /** Returns the way to stop listening. */
    listen(then: () => void): () => void {
      listeners.add(then);
      return () => listeners.delete(then);
    },
  };
}

export type PageChanges = ReturnType<typeof createPageChanges>;
