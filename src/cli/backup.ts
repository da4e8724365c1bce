import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withDotEnv } from '../config/env';
import { openDatabase } from '../store/sqlite/db';
import { describeFsError } from '../store/storage-errors';
import { existingDatabasePath } from './database-path';
import { CliError } from './output';

const USAGE =
  'Usage: npm run backup -- FILE   (a consistent copy of the database at DATABASE_PATH, as one self-contained file)';

function parse(argv: string[]): { target: string } | 'help' {
  let parsed: ReturnType<
    typeof parseArgs<{ options: { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--format'"; the usage line says what is known.
    throw new CliError(`${(error as Error).message.split('. ')[0]}. ${USAGE}`);
  }
  if (parsed.values.help) return 'help';
  const [target, ...rest] = parsed.positionals;
  if (!target || rest.length > 0) throw new CliError(USAGE);
  return { target };
}

/** The same file under another name (a symlink, a hard link, `./x` vs `x`) counts as the same. */
function sameFile(a: string, b: string): boolean {
  try {
    const [sa, sb] = [fs.statSync(a), fs.statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    const real = (p: string) => path.join(fs.realpathSync(path.dirname(path.resolve(p))), path.basename(p));
    try {
      return real(a) === real(b);
    } catch {
      return false;
    }
  }
}

/**
 * `npm run backup -- FILE`: SQLite's online backup, so the copy is consistent even while Commander
 * is writing (a plain file copy of a WAL database can miss or tear recent writes).
 */
async function main(argv: string[]): Promise<void> {
  const args = parse(argv);
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const { target } = args;
  const env = withDotEnv(process.env);
  if (env.DATABASE_URL) {
    throw new CliError(
      'DATABASE_URL is set: Commander keeps its data in PostgreSQL, which this command does not copy. ' +
        `Back it up with PostgreSQL's own tools, e.g. pg_dump --format=custom --file=${target} "$DATABASE_URL". Nothing was written.`,
    );
  }
  const source = existingDatabasePath(env);
  if (sameFile(source, target)) throw new CliError('The backup must go to another file than the database itself.');
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  } catch (error) {
    throw new CliError(`Cannot create the folder for ${target}: ${describeFsError(error)}.`);
  }
  const db = openDatabase(source, { readonly: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; switched back to a rollback journal it is one file, with no -wal
  // or -shm left beside it, that can be moved or restored on its own.
  const copy = openDatabase(target);
  let check: unknown;
  try {
    copy.pragma('journal_mode = DELETE');
    check = copy.pragma('integrity_check', { simple: true });
  } finally {
    copy.close();
  }
  if (check !== 'ok') throw new CliError(`The copy at ${target} failed its integrity check (${String(check)}).`);
  console.error(`Backed up ${source} to ${target}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`backup: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
