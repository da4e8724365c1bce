/** The console's cookies: the session, and the sign-in under way (its `state`). */
export const SESSION_COOKIE = 'commander_session';
export const SIGN_IN_COOKIE = 'commander_sign_in';

/** The value of cookie `name` in a Cookie header; the console's values are base64url, never quoted. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * A Set-Cookie header: HttpOnly (no script reads it), SameSite=Lax (another site's forms do not carry
 * it; Slack's redirect back, a top-level GET, does), Secure when the console is served over https.
 * `maxAgeMs` 0 removes it.
 */
export function setCookie(name: string, value: string, o: { secure: boolean; maxAgeMs: number }): string {
  return [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(o.maxAgeMs / 1000))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(o.secure ? ['Secure'] : []),
  ].join('; ');
}
