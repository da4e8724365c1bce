/** The Slack error code of a failed Web API call (`name_taken`, `not_in_channel`, …), if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } } | undefined;
  return e?.data?.error ?? e?.code;
}

/** Lets a Slack refusal that we tolerate pass, and throws everything else. */
export function ignoreSlackErrors(error: unknown, ...codes: string[]): void {
  const code = slackErrorCode(error);
  if (code && codes.includes(code)) return;
  throw error;
}
