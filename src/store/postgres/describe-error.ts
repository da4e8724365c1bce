import { StorageError } from '../../errors/storage-error';

/** Node's connection failures and the server's SQLSTATEs that an operator can act on, as clauses. */
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
export function describePostgresError(failure: unknown): string {
  // The store's statements fail as StorageErrors; the driver's own error says more.
  const error = failure instanceof StorageError ? failure.cause : failure;
  const e = error as { code?: string; message?: string; errors?: Array<{ code?: string }> } | null;
  const code = e?.code ?? e?.errors?.[0]?.code;
  if (code && CODES[code]) return CODES[code];
  if (/^timeout exceeded when trying to connect$|connection timeout/i.test(e?.message ?? ''))
    return 'the server did not answer within 5 seconds';
  if (/timeout/i.test(e?.message ?? '')) return 'the server stopped answering';
  return e?.message || String(error);
}
