export type AttemptResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; retryAfterMs?: number | undefined };

/**
 * One POST of an event, with a timeout. Any 2xx is taken; everything else says what happened in
 * a few words ('HTTP 500', 'timeout', 'connection refused'), never the receiver's answer.
 */
export async function postEvent(o: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  fetch?: typeof fetch | undefined;
}): Promise<AttemptResult> {
  const send = o.fetch ?? fetch;
  try {
    const response = await send(o.url, {
      method: 'POST',
      body: o.body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Commander-Webhooks/1', ...o.headers },
      // A redirect would re-send the signed body somewhere the policy does not name.
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    // The answer's body is not read, only released.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}`,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    };
  } catch (error) {
    return { ok: false, status: null, error: networkError(error) };
  }
}

/** Retry-After in seconds (the form receivers use); an HTTP date or nonsense is ignored. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}

function networkError(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection dropped';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return code ? `network error (${code})` : 'network error';
}
