/** One answer as a browser got it, with where it was. */
export interface Visited {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

/**
 * A browser without JavaScript for the web console: keeps the cookies the console sets (as a browser
 * keeps them per site) and follows redirects one hop at a time, across the console and the fake
 * Slack, recording each hop so a test can look at any of them.
 */
export class ConsoleBrowser {
  /** The console's cookies, by name. */
  readonly cookies = new Map<string, { value: string; attributes: string }>();

  constructor(private readonly consoleUrl: string) {}

  async get(url: string): Promise<Visited> {
    return this.request(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Visited> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Every hop from `url` until an answer that is not a redirect (at most 8). */
  async follow(url: string): Promise<Visited[]> {
    const hops: Visited[] = [];
    let next: string | null = url;
    while (next && hops.length < 8) {
      const hop = await this.get(next);
      hops.push(hop);
      const location = hop.status >= 300 && hop.status < 400 ? hop.headers.get('location') : null;
      next = location === null ? null : new URL(location, hop.url).toString();
    }
    return hops;
  }

  private async request(url: string, init: RequestInit): Promise<Visited> {
    const absolute = new URL(url, this.consoleUrl).toString();
    const ours = absolute.startsWith(this.consoleUrl);
    const cookie = [...this.cookies].map(([name, c]) => `${name}=${c.value}`).join('; ');
    const response = await fetch(absolute, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(ours && cookie ? { cookie } : {}) },
    });
    if (ours) for (const line of response.headers.getSetCookie()) this.keep(line);
    return { url: absolute, status: response.status, headers: response.headers, body: await response.text() };
  }

  private keep(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (/max-age=0\b/i.test(line) || value === '') this.cookies.delete(name);
    else this.cookies.set(name, { value, attributes: attributes.map((a) => a.trim()).join('; ') });
  }
}
