import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body as JSON, or undefined when it was not JSON. */
  json: unknown;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * What goes wrong with one request: `lose` does the work and drops the connection before the answer
 * (the caller cannot know it was done), `fail` answers 503 without doing it, `unauthorized` answers
 * 401 as if the credentials were wrong, `echo` answers 401 quoting the request's Authorization header
 * and body back in every field the services put a reason in (as a careless proxy or error page in
 * front of one might).
 */
export type Fault = 'lose' | 'fail' | 'unauthorized' | 'echo';

type Route = (req: FakeRequest) => FakeAnswer;

/**
 * A real HTTP server on 127.0.0.1 for a third-party API: records every request, answers through the
 * service's own routes, and has faults planned for the next requests that match.
 */
export class HttpFake {
  readonly requests: FakeRequest[] = [];
  private readonly faults: Array<{ fault: Fault; match: (req: FakeRequest) => boolean }> = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(route: Route, unauthorized: () => FakeAnswer): Promise<HttpFake> {
    let fake!: HttpFake;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = body === '' ? undefined : JSON.parse(body);
        } catch {
          json = undefined;
        }
        const request: FakeRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://127.0.0.1'),
          headers: req.headers,
          body,
          json,
        };
        fake.requests.push(request);
        const planned = fake.faults.findIndex((f) => f.match(request));
        const fault = planned === -1 ? undefined : fake.faults.splice(planned, 1)[0]?.fault;
        const send = (answer: FakeAnswer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        };
        if (fault === 'unauthorized') return send(unauthorized());
        if (fault === 'echo') {
          const quoted = `rejected ${req.headers.authorization ?? 'no credentials'} for ${body}`;
          return send({
            status: 401,
            body: { message: quoted, errorMessages: [quoted], errors: [{ message: quoted }] },
          });
        }
        if (fault === 'fail') return send({ status: 503, body: { message: 'Service unavailable' } });
        const answer = route(request);
        if (fault === 'lose') {
          req.socket.destroy();
          return;
        }
        send(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new HttpFake(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The next request that matches (any request, by default) meets `fault`. */
  plan(fault: Fault, match: (req: FakeRequest) => boolean = () => true): void {
    this.faults.push({ fault, match });
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A JSON request's content type, as the services require it. */
export const isJson = (req: FakeRequest) => (req.headers['content-type'] ?? '').startsWith('application/json');

/** A YYYY-MM-DD date, as Jira's duedate and Linear's dueDate take it. */
export const isDay = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
