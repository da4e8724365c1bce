import fs from 'node:fs';
import path from 'node:path';
import { withDotEnv } from '../config/env';
import { openDatabase } from '../store/db';

const USAGE = 'Usage: npm run backup -- FILE   (a consistent copy of the database at DATABASE_PATH)';

/**
 * `npm run backup -- FILE`: SQLite's online backup, so the copy is consistent even while Commander
 * is writing (a plain file copy of a WAL database can miss or tear recent writes).
 */
async function main(argv: string[]): Promise<void> {
  const [target, ...rest] = argv;
  if (!target || target === '--help' || target === '-h' || rest.length > 0) throw new Error(USAGE);
  const env = withDotEnv(process.env);
  const source = env.DATABASE_PATH || './data/commander.db';
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}. Set DATABASE_PATH to Commander's database.`);
  if (path.resolve(source) === path.resolve(target)) throw new Error('The backup must go to another file than the database itself.');
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = openDatabase(source, { readonly: true });
  try {
    await db.backup(target);
    const copy = openDatabase(target, { readonly: true });
    const check = copy.pragma('integrity_check', { simple: true });
    copy.close();
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
