/**
 * Whether a failed send is worth retrying: network trouble, HTTP errors and rate limits pass;
 * a platform refusal (user_not_found, channel_not_found, missing_scope…) will not.
 */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'slack_webapi_request_error' || code === 'slack_webapi_http_error' || code === 'slack_webapi_rate_limited_error';
}

export function errorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string } } | undefined;
  return e?.data?.error ?? e?.code ?? 'unexpected_error';
}
