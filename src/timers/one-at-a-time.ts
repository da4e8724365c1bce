/**
 * Work that runs one at a time, looking again when asked during a run: a call while it runs gets
 * that run, which goes round once more before it ends, so what arrived meanwhile is not left for
 * the next tick. Resolves with the sum of what each round returned.
 */
export function oneAtATime(round: () => Promise<number>): () => Promise<number> {
  let running: Promise<number> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    const run = async () => {
      let total = 0;
      do {
        again = false;
        total += await round();
      } while (again);
      return total;
    };
    running = run().finally(() => {
      running = undefined;
    });
    return running;
  };
}
