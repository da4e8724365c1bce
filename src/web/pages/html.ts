import escapeHtml from 'escape-html';
import type { WebResponse } from '../console.types';

/** Every value put in a page goes through escape-html; nothing is escaped by hand. */
export const e = (text: string | number): string => escapeHtml(String(text));

/**
 * A page: server-rendered, usable with JavaScript off. Its stylesheet and script are the console's
 * own (/assets/…): the CSP is `default-src 'self'`, so no inline style or script, nothing from elsewhere.
 */
export function page(title: string, main: string, options: { script?: boolean; status?: number } = {}): WebResponse {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)} · Commander</title><link rel="stylesheet" href="/assets/console.css">${options.script ? '\n<script src="/assets/console.js" defer></script>' : ''}</head>
<body><header><nav><a href="/">Incidents</a> <a href="/insights">Insights</a></nav></header>
<main>
${main}
</main></body></html>
`;
  return { status: options.status ?? 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
}

/** The one answer for an incident that does not exist and one the reader may not see: they must not differ. */
export const noSuchIncident = (): WebResponse =>
  page('Not found', '<h1>Not found</h1><p>There is no such incident, or it is not yours to see.</p>', { status: 404 });

/** A query the page cannot use, with the sentence saying why. */
export const badRequest = (message: string): WebResponse =>
  page('Bad request', `<h1>That did not work</h1><p>${e(message)}</p><p><a href="/">Back to the incidents</a></p>`, {
    status: 400,
  });
