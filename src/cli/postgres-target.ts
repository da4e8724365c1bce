import { CliError } from './output';

/** Where a PostgreSQL URL points, for messages: host, port and database, never the user or password. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.host}${parsed.pathname}`;
}

/** A PostgreSQL URL, or a sentence saying what one looks like (the value itself is not repeated: it may hold a password). */
export function parsePostgresUrl(url: string, option: string): string {
  const parsed = URL.parse(url);
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol) || !parsed.hostname) {
    throw new CliError(
      `${option} must be a PostgreSQL URL such as postgres://commander:password@db.internal:5432/commander.`,
    );
  }
  return url;
}

// PostgreSQL's codes are read in the store only; the command-line tools use its sentences.
export { describePostgresError } from '../store/postgres/describe-error';
