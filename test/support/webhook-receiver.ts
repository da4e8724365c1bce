import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/clock';
import { verifySignature } from '../../src/signing/signature';

/**
 * What the receiver does with one request: answer with a status, drop the connection unanswered,
 * or hang: keep it open and never answer (until `dropHanging` or `stop`).
 */
export type Answer = number | 'drop' | 'hang';

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
  private readonly held = new Set<http.ServerResponse>();
  private readonly watchers = new Set<() => void>();
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
          receiver.changed();
          return;
        }
        if (answer === 'hang') {
          receiver.held.add(res);
          // The sender gave up on it (its timeout) or it was dropped.
          res.on('close', () => {
            receiver.held.delete(res);
            receiver.changed();
          });
          receiver.changed();
          return;
        }
        res.writeHead(answer, { 'content-type': 'text/plain' });
        res.end(answer < 300 ? 'ok' : 'no');
        receiver.changed();
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

  /** Requests held open unanswered that the sender has not given up on yet. */
  hanging(): number {
    return this.held.size;
  }

  /** Drops the connections of the requests held open, as a receiver that dies would. */
  dropHanging(): void {
    for (const res of this.held) res.socket?.destroy();
  }

  /** Calls `watch` after each request and each held request closed, until the returned function is called. */
  onChange(watch: () => void): () => void {
    this.watchers.add(watch);
    return () => this.watchers.delete(watch);
  }

  private changed(): void {
    for (const watch of this.watchers) watch();
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Resolves once `done()` holds, checking again each time one of the receivers hears or loses a request. */
export function whenReceivers(receivers: WebhookReceiver[], done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const stops: Array<() => void> = [];
    const check = () => {
      if (!done()) return;
      for (const stop of stops) stop();
      resolve();
    };
    for (const receiver of receivers) stops.push(receiver.onChange(check));
    check();
  });
}
