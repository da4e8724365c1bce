import escapeHtml from 'escape-html';
import type { WebResponse } from './console.types';

const e = (text: string) => escapeHtml(text);

/** A response of the server's own (sign-in, sign-out), which may set cookies. */
export type Answer = WebResponse & { cookies?: string[] };

/** A small page of its own (sign-in refusals, sign-out, not found), inline-style-free for the CSP. */
export function sentencePage(status: number, title: string, sentence: string, extra = ''): WebResponse {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)} · Commander</title></head>
<body>
<main>
<h1>${e(title)}</h1>
<p>${e(sentence)}</p>
${extra}
</main>
</body>
</html>
`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

/** A link back to the sign-in, for the pages that end one. */
export const signInLink = (next = '/'): string =>
  `<p><a href="/login?next=${e(encodeURIComponent(next))}">Sign in with Slack</a></p>`;

/** A form whose only job is the POST: with JavaScript off, a button is all it takes. */
export const signOutForm = (csrfToken: string): string =>
  `<form method="post" action="/logout"><input type="hidden" name="csrf" value="${e(csrfToken)}"><button type="submit">Sign out</button></form>`;

/** 303 for after a form, 302 otherwise; the location is always the console's own or Slack's. */
export function redirect(location: string, o: { status?: 302 | 303; cookies?: string[] } = {}): Answer {
  return { status: o.status ?? 302, headers: { location }, body: '', ...(o.cookies ? { cookies: o.cookies } : {}) };
}
