import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/clock';
import { verifySignature } from '../../src/signing/signature';

/** What the receiver does with one request: answer with a status, or drop the connection unanswered. */
export type Answer = number | 'drop';

export interface Received {
  body: string;
  event: { id: string; type: string; incident: { id: number; title: string } } & Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  /** The signature checked with the receiver's secret, at the test's clock. */
  signature: string;
  answer: Answer;
}

/**
 * A webhook receiver as a real HTTP server on 127.0.0.1: it checks each request's signature as a
 * receiver would, records it, and answers as told (200 once the planned answers run out).
 */
export class WebhookReceiver {
  readonly requests: Received[] = [];
  private planned: Answer[] = [];
  private clock: Clock = { now: () => Date.now() };
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(secret: string, path = '/hooks/commander'): Promise<WebhookReceiver> {
    let receiver!: WebhookReceiver;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = receiver.planned.shift() ?? 200;
        const signature = verifySignature({
          secret,
          body,
          timestamp: req.headers['x-commander-timestamp'] as string | undefined,
          signature: req.headers['x-commander-signature'] as string | undefined,
          nowMs: receiver.clock.now(),
        });
        receiver.requests.push({ body, event: JSON.parse(body), headers: req.headers, signature, answer });
        if (answer === 'drop') {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer, { 'content-type': 'text/plain' });
        res.end(answer < 300 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}${path}`);
    return receiver;
  }

  /** Signatures are checked at this clock's time (the app's ManualClock). */
  useClock(clock: Clock): void {
    this.clock = clock;
  }

  /** The next requests get these answers, in order. */
  answer(...answers: Answer[]): void {
    this.planned.push(...answers);
  }

  /** The events taken (answered 2xx), in the order they arrived. */
  accepted(): Received[] {
    return this.requests.filter((r) => typeof r.answer === 'number' && r.answer < 300);
  }

  types(): string[] {
    return this.accepted().map((r) => r.event.type);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
