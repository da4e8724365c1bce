import type { Writable } from 'node:stream';

/**
 * Writes pieces to a stream in ~64 KB batches, waiting when the stream asks to (backpressure), so
 * memory stays flat however long the document is.
 */
export async function writeChunks(pieces: Iterable<string>, out: Writable, batchSize = 64 * 1024): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const ok = out.write(batch.join(''));
    batch = [];
    size = 0;
    if (!ok) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= batchSize) await flush();
  }
  await flush();
}
