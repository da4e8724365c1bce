/**
 * Where to go after signing in: a path of the console itself, else `/`. Only `/` followed by
 * something that is not another slash or backslash (browsers read `//host` and `/\host` as another
 * site), no scheme, no control characters; the sign-in routes themselves send the person to `/`.
 */
export function consolePath(next: string | null | undefined): string {
  if (!next || next.length > 2_000) return '/';
  if (!next.startsWith('/') || next[1] === '/' || next[1] === '\\') return '/';
  // A tab or newline inside `/\t/host` is dropped by browsers, which then read `//host`.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '\\')) return '/';
  const parsed = URL.parse(next, 'http://console.invalid');
  if (parsed?.host !== 'console.invalid') return '/';
  if (SIGN_IN_PATHS.has(parsed.pathname)) return '/';
  return `${parsed.pathname}${parsed.search}`;
}

const SIGN_IN_PATHS = new Set(['/login', '/logout', '/auth/callback']);
