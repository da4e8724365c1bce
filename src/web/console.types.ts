/**
 * What the web console's server (sign-in, sessions, the port: server.ts and auth/) and its pages
 * (pages/, insights/) agree on: the server answers only signed-in requests by handing them to the
 * pages, with the person who asks.
 */

/** The signed-in person a page is rendered for; what they may see is asked of incidents/visibility.ts. */
export interface Reader {
  userId: string;
  /** Their Slack time zone (`users.info` tz), for times as Slack shows them; null: the policy's. */
  timeZone: string | null;
}

export interface WebRequest {
  method: 'GET' | 'HEAD';
  /** The path without the query, e.g. `/incidents/12`. */
  path: string;
  query: URLSearchParams;
  /** Headers, lower-case names (If-None-Match, Accept, Last-Event-ID). */
  headers: Record<string, string | undefined>;
}

export interface WebResponse {
  status: number;
  /** Content-Type and any others; the server adds the security headers (CSP and the like) itself. */
  headers: Record<string, string>;
  body: string | Buffer;
  /**
   * A stream that stays open after `body` (Server-Sent Events): called once the head and `body` are
   * sent, with a writer, and a signal that aborts when the client goes away.
   */
  stream?: (write: (chunk: string) => void, signal: AbortSignal) => Promise<void>;
}

/** The console's pages; null for a path they do not know (the server answers 404). */
export interface ConsolePages {
  handle(request: WebRequest, reader: Reader): Promise<WebResponse | null>;
}
