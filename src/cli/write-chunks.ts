import type { Writable } from 'node:stream';

/**
 * Writes pieces to a stream in ~64 KB batches, waiting when the stream asks to (backpressure), so
 * memory stays flat however long the document is. The stream's first error (a full disk, a closed
 * pipe) ends the loop with that error, which also closes `pieces` (a database cursor, say).
 */
export async function writeChunks(
  pieces: AsyncIterable<string> | Iterable<string>,
  out: Writable,
  batchSize = 64 * 1024,
): Promise<void> {
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onError = (error: Error) => {
    failure = error;
    wake?.();
  };
  out.on('error', onError);
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length > 0) {
      const ok = out.write(batch.join(''));
      batch = [];
      size = 0;
      if (!ok && !failure) {
        const resume = await new Promise<() => void>((resolve) => {
          const done = () => resolve(done);
          wake = done;
          out.once('drain', done);
        });
        out.off('drain', resume);
      }
    }
    if (failure) throw failure;
  };
  try {
    for await (const piece of pieces) {
      batch.push(piece);
      size += piece.length;
      if (size >= batchSize) await flush();
    }
    await flush();
  } finally {
    out.off('error', onError);
  }
}
