import fs from 'node:fs';
import path from 'node:path';
import { withDotEnv } from '../config/env';
import { openDatabase } from '../store/db';
import { existingDatabasePath } from './database-path';

const USAGE = 'Usage: npm run backup -- FILE   (a consistent copy of the database at DATABASE_PATH)';

/**
 * `npm run backup -- FILE`: SQLite's online backup, so the copy is consistent even while Commander
 * is writing (a plain file copy of a WAL database can miss or tear recent writes).
 */
async function main(argv: string[]): Promise<void> {
  const [target, ...rest] = argv;
  if (!target || target === '--help' || target === '-h' || rest.length > 0) throw new Error(USAGE);
  const env = withDotEnv(process.env);
  const source = existingDatabasePath(env);
  if (path.resolve(source) === path.resolve(target)) throw new Error('The backup must go to another file than the database itself.');
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = openDatabase(source, { readonly: true });
  try {
    await db.backup(target);
    const copy = openDatabase(target, { readonly: true });
    let check: unknown;
    try {
      check = copy.pragma('integrity_check', { simple: true });
    } finally {
      copy.close();
    }
    if (check !== 'ok') throw new Error(`The copy at ${target} failed its integrity check (${String(check)}).`);
  } finally {
    db.close();
  }
  console.error(`Backed up ${source} to ${target}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`backup: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
