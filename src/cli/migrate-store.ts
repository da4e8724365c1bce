import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { StartupError } from '../errors/startup-error';
import { type Db, openDatabase } from '../store/sqlite/db';
import { openAppDatabase } from '../store/sqlite/open';
import {
  copySqliteToPostgres,
  refuseForeignTables,
  type TableCleaned,
  type TableCount,
} from '../store/copy/copy-from-sqlite';
import { CopyRefused } from '../store/copy/copy-plan';
import { migratePostgres } from '../store/postgres/migrate';
import { createPool } from '../store/postgres/pool';
import { CliError } from './output';
import { describePostgresError, describePostgresUrl, parsePostgresUrl } from './postgres-target';

const USAGE =
  'Usage: npm run migrate-store -- --from FILE --to URL   (copies the SQLite database FILE into the empty PostgreSQL database at URL)';

function parse(argv: string[]): { from: string; to: string } | 'help' {
  let values: { from?: string; to?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('. ')[0]}. ${USAGE}`);
  }
  if (values.help) return 'help';
  if (!values.from || !values.to || positionals.length > 0) throw new CliError(USAGE);
  return { from: values.from, to: parsePostgresUrl(values.to, '--to') };
}

/**
 * Refuses a file that is not a Commander database before anything writes to it: opening it as the
 * app does would create Commander's tables in someone else's file.
 */
function checkSource(file: string): void {
  if (!fs.existsSync(file)) throw new CliError(`No SQLite database at ${file}.`);
  let db: Db | undefined;
  let commanders = false;
  try {
    db = openDatabase(file, { readonly: true });
    commanders = !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incidents'").get();
  } catch (error) {
    throw new CliError(`${file} cannot be read as a SQLite database: ${(error as Error).message}.`);
  } finally {
    db?.close();
  }
  if (!commanders) throw new CliError(`${file} is not a Commander database (it has no incidents table).`);
}

/** The counts as a table: SQLite's before the copy, PostgreSQL's after it. */
function countsTable(counts: TableCount[]): string {
  const total = counts.reduce((sum, c) => ({ sqlite: sum.sqlite + c.sqlite, postgres: sum.postgres + c.postgres }), {
    sqlite: 0,
    postgres: 0,
  });
  const rows = [
    ['table', 'SQLite', 'PostgreSQL'],
    ...counts.map((c) => [c.table, String(c.sqlite), String(c.postgres)]),
    ['total', String(total.sqlite), String(total.postgres)],
  ];
  const width = (i: number) => Math.max(...rows.map((r) => (r[i] as string).length));
  const [a, b, c] = [width(0), width(1), width(2)];
  return rows.map((r) => `${r[0]?.padEnd(a)}  ${r[1]?.padStart(b)}  ${r[2]?.padStart(c)}`).join('\n');
}

/** What was changed on the way, so the operator knows the copy is not byte for byte. */
function cleanedLine(cleaned: TableCleaned[]): string {
  const total = cleaned.reduce((sum, c) => sum + c.values, 0);
  const where = cleaned.map((c) => `${c.table}: ${c.values}`).join(', ');
  return `Cleaned ${total} value${total === 1 ? '' : 's'} on the way (${where}): dropped the NUL characters (U+0000) an older Commander stored, which PostgreSQL text cannot hold.`;
}

/**
 * `npm run migrate-store -- --from FILE --to URL`: moves Commander from SQLite to PostgreSQL. Run it
 * with Commander stopped (what is written after the copy began is not copied), then start Commander
 * with DATABASE_URL set to the target.
 */
async function main(argv: string[]): Promise<void> {
  const args = parse(argv);
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const target = describePostgresUrl(args.to);
  checkSource(args.from);
  // As at Commander's start: a database from a newer Commander is refused, an older one upgraded.
  const { db, applied } = openAppDatabase(args.from);
  const pool = createPool(args.to);
  try {
    if (applied.length > 0) console.error(`Upgraded ${args.from} to this version first (${applied.join(', ')}).`);
    try {
      // Before migrating: Commander's tables are not to be created among another application's.
      await refuseForeignTables(db, pool);
      await migratePostgres(pool);
    } catch (error) {
      if (error instanceof CopyRefused) throw new CliError(`${error.message} Nothing was written.`);
      if (error instanceof StartupError) throw new CliError(error.message);
      throw new CliError(`Cannot use ${target}: ${describePostgresError(error)}. No rows were copied.`);
    }
    let result: Awaited<ReturnType<typeof copySqliteToPostgres>>;
    try {
      result = await copySqliteToPostgres(db, pool);
    } catch (error) {
      if (error instanceof CopyRefused) throw new CliError(`${error.message} No rows were copied.`);
      throw new CliError(
        `The copy into ${target} failed and was rolled back: ${describePostgresError(error)}. No rows were copied; run it again once the cause is fixed.`,
      );
    }
    console.log(countsTable(result.counts));
    if (result.cleaned.length > 0) console.log(cleanedLine(result.cleaned));
    const rows = result.counts.reduce((sum, c) => sum + c.postgres, 0);
    console.log(
      result.outcome === 'copied'
        ? `Copied ${rows} rows from ${args.from} to ${target}. Start Commander with DATABASE_URL set to it, and keep ${args.from} as a backup.`
        : `${target} already holds a copy of ${args.from} (the same rows in every table). Nothing was written.`,
    );
  } finally {
    db.close();
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`migrate-store: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
