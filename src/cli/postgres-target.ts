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

const CODES: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections there (connection refused)',
  ENOTFOUND: 'that host name is not known (ENOTFOUND)',
  EAI_AGAIN: 'that host name cannot be looked up right now (EAI_AGAIN)',
  ETIMEDOUT: 'the server did not answer (timed out)',
  EHOSTUNREACH: 'the host cannot be reached (EHOSTUNREACH)',
  ECONNRESET: 'the server closed the connection (ECONNRESET)',
  '3D000': 'that database does not exist; create it first (createdb)',
  '28P01': 'the user name or password is wrong',
  '28000': 'the server does not let this user connect from here (pg_hba.conf)',
  '42501': 'the user may not create tables in that database',
  '57P03': 'the server is starting up or shutting down',
};

/**
 * Why PostgreSQL could not be used, as a clause. Connection failures from Node come as codes (an
 * AggregateError's message is empty when every address of a host refused), the server's own as
 * SQLSTATEs; pg's messages name neither the URL nor the password.
 */
export function describePostgresError(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: Array<{ code?: string }> } | null;
  const code = e?.code ?? e?.errors?.[0]?.code;
  if (code && CODES[code]) return CODES[code];
  if (/timeout/i.test(e?.message ?? '')) return 'the server did not answer within 5 seconds';
  return e?.message || String(error);
}
