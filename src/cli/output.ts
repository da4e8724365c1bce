import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { describeFsError } from '../store/storage-errors';
import { writeChunks } from './write-chunks';

/** A failure the command line prints as one line (no stack trace). */
export class CliError extends Error {}

/** Writes the pieces to FILE, or says in one line why it cannot (missing folder, a directory, a full disk). */
export async function writeFile(file: string, pieces: AsyncIterable<string>): Promise<void> {
  const cannot = (error: unknown) => new CliError(`Cannot write ${file}: ${describeFsError(error)}.`);
  let fd: number;
  try {
    fd = fs.openSync(file, 'w');
  } catch (error) {
    throw cannot(error);
  }
  const out = fs.createWriteStream(file, { fd });
  try {
    await writeAll(out, pieces);
  } catch (error) {
    out.destroy();
    throw cannot(error);
  }
}

/**
 * Writes the pieces to stdout. A reader that stops early (`| head`) closes the pipe: that is the
 * reader's choice, not an error, so the export stops quietly.
 */
export async function writeStdout(pieces: AsyncIterable<string>): Promise<'done' | 'closed'> {
  // The pipe can also close after the last write was handed over; that must not crash either.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  try {
    await writeAll(process.stdout, pieces, false);
    return 'done';
  } catch (error) {
    if ((error as { code?: string }).code === 'EPIPE') return 'closed';
    throw new CliError(`Cannot write the output: ${describeFsError(error)}.`);
  }
}

/** writeChunks, then the last bytes handed over, failing on the stream's first error. */
async function writeAll(out: Writable, pieces: AsyncIterable<string>, end = true): Promise<void> {
  await writeChunks(pieces, out);
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    const done = () => {
      out.off('error', reject);
      resolve();
    };
    if (end) out.end(done);
    else out.write('', done);
  });
}
