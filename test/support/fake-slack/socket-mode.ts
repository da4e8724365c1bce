import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Timers } from './timers';
import type { Envelope, EnvelopeOutcome, EnvelopeType, SocketModeOptions } from './socket-mode.types';

/** Slack's limit: an app may hold 10 Socket Mode connections at once. */
export const MAX_CONNECTIONS = 10;

interface Connection {
  id: number;
  socket: WebSocket;
  /** `refreshing` once refresh_requested was sent: Slack still delivers there, but prefers others. */
  state: 'open' | 'refreshing' | 'closed';
  pending: Map<string, (outcome: EnvelopeOutcome) => void>;
}

/**
 * The Socket Mode side of the fake Slack: a WebSocket server on 127.0.0.1 that apps.connections.open
 * hands out single-use URLs for. It says hello, delivers envelopes to one open connection each,
 * records the app's acks, and counts an envelope nobody acked as the failure the user would see.
 */
export class SocketModeSide {
  private readonly tickets = new Set<string>();
  private readonly connections: Connection[] = [];
  private readonly log: Envelope[] = [];
  private readonly timers = new Timers();
  private readonly listeners = new Set<() => void>();
  /** Connections waiting for hello while a test holds them (see holdConnections). */
  private held: Array<() => void> | undefined;
  /** What Slack does right after each new connection's hello (see afterHello). */
  private helloThen: 'stay' | 'close' | 'refresh' = 'stay';
  /** Every envelope id the app acked, including those of raw messages (see sendRaw). */
  private readonly ackedIds: string[] = [];
  private nextConnection = 1;
  private turn = 0;
  private readonly ackTimeoutMs: number;
  private readonly refreshCloseMs: number;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly appId: string,
    options: SocketModeOptions,
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 3_000;
    this.refreshCloseMs = options.refreshCloseMs ?? 10_000;
    server.on('connection', (socket, request) => this.accept(socket, new URL(request.url ?? '/', 'ws://127.0.0.1')));
  }

  static async start(appId: string, options: SocketModeOptions = {}): Promise<SocketModeSide> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return new SocketModeSide(server, appId, options);
  }

  /** What apps.connections.open answers: a URL good for one connection, as Slack's ticket is. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** Connections still open (refreshing ones included), oldest first. */
  open(): Array<{ id: number; state: 'open' | 'refreshing' }> {
    return this.connections
      .filter((c) => c.state !== 'closed')
      .map((c) => ({ id: c.id, state: c.state as 'open' | 'refreshing' }));
  }

  /**
   * Keeps new connections waiting for their hello (a slow Slack) until release(); `waiting()` says
   * how many the app has opened meanwhile. Existing connections carry on.
   */
  holdConnections(): { waiting(): number; release(): void } {
    const held: Array<() => void> = [];
    this.held = held;
    return {
      waiting: () => held.length,
      release: () => {
        this.held = undefined;
        for (const admit of held.splice(0)) admit();
      },
    };
  }

  /**
   * A broken Slack: from now on each new connection is closed (`close`) or asked to refresh
   * (`refresh`) right after its hello; `stay` is Slack's normal behaviour.
   */
  afterHello(what: 'stay' | 'close' | 'refresh'): void {
    this.helloThen = what;
  }

  /** How many connections have been let in (said hello to) so far. */
  admitted(): number {
    return this.nextConnection - 1;
  }

  /**
   * Sends a text frame as is (a malformed envelope, say) on one open connection (default: the
   * oldest), so a test sees what the app makes of what Slack should never send.
   */
  sendRaw(text: string, id?: number): void {
    const connection = this.connections.find((c) => c.state === 'open' && (id === undefined || c.id === id));
    if (!connection) throw new Error('fake Slack: no open connection to send on');
    connection.socket.send(text);
  }

  /** Whether the app acked this envelope id (delivered or raw). */
  acked(envelopeId: string): boolean {
    return this.ackedIds.includes(envelopeId);
  }

  /** Resolves when `done()` holds after a connection opens, closes or is held, or an ack comes; for tests that wait on the app. */
  waitUntil(done: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!done()) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`fake Slack: no ${what} within ${timeoutMs}ms; open: ${JSON.stringify(this.open())}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  /** Resolves once `count` connections are open and not refreshing (the app has settled). */
  waitForConnections(count: number, timeoutMs = 3_000): Promise<void> {
    return this.waitUntil(
      () => this.connections.filter((c) => c.state === 'open').length >= count,
      `${count} open connection(s)`,
      timeoutMs,
    );
  }

  /**
   * Delivers one envelope to one open connection, as Slack does, preferring connections not told
   * to refresh. Resolves with the app's ack, or with the error the user would see: `dispatch_failed`
   * when no connection can take it or it closes first, `operation_timeout` when no ack comes in time.
   */
  deliver(type: EnvelopeType, payload: unknown, retry?: { attempt: number; reason: string }): Promise<Envelope> {
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(retry ? { retry_attempt: retry.attempt, retry_reason: retry.reason } : {}),
      outcome: 'pending',
    };
    this.log.push(envelope);
    const connection = this.pick();
    if (!connection) {
      envelope.outcome = { error: 'dispatch_failed' };
      return Promise.resolve(envelope);
    }
    envelope.connection = connection.id;
    const { outcome: _, connection: __, ...wire } = envelope;
    return new Promise((resolve) => {
      const timer = this.timers.after(this.ackTimeoutMs, () => settle({ error: 'operation_timeout' }));
      const settle = (outcome: EnvelopeOutcome) => {
        this.timers.clear(timer);
        connection.pending.delete(envelope.envelope_id);
        envelope.outcome = outcome;
        resolve(envelope);
      };
      connection.pending.set(envelope.envelope_id, settle);
      connection.socket.send(JSON.stringify(wire));
    });
  }

  /** Every envelope delivered or refused, with its outcome. */
  envelopes(): Envelope[] {
    return [...this.log];
  }

  /**
   * Sends `refresh_requested` to the given connections (default: all) and, like Slack, closes each
   * `refreshCloseMs` later (about 10 s in Slack) whether or not the app has moved on.
   */
  refresh(ids?: number[]): void {
    for (const connection of this.select(ids)) {
      connection.state = 'refreshing';
      connection.socket.send(
        JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-fake' } }),
      );
      this.timers.after(this.refreshCloseMs, () => connection.socket.close(1001, 'refresh'));
    }
    this.changed();
  }

  /** Socket Mode was turned off for the app: Slack says link_disabled and closes at once. */
  disable(ids?: number[]): void {
    for (const connection of this.select(ids)) {
      connection.socket.send(
        JSON.stringify({ type: 'disconnect', reason: 'link_disabled', debug_info: { host: 'applink-fake' } }),
      );
      connection.socket.close(1000, 'link_disabled');
    }
  }

  /** Drops connections without a close frame, as a network failure would. */
  drop(ids?: number[]): void {
    for (const connection of this.select(ids)) connection.socket.terminate();
  }

  async stop(): Promise<void> {
    this.timers.clearAll();
    for (const socket of this.server.clients) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, url: URL): void {
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.close(1008, 'invalid ticket');
      return;
    }
    if (this.held) {
      this.held.push(() => socket.readyState === socket.OPEN && this.admit(socket));
      this.changed();
      return;
    }
    this.admit(socket);
  }

  private admit(socket: WebSocket): void {
    if (this.open().length >= MAX_CONNECTIONS) {
      socket.send(JSON.stringify({ type: 'disconnect', reason: 'too_many_websockets' }));
      socket.close(1008, 'too_many_websockets');
      return;
    }
    const connection: Connection = { id: this.nextConnection++, socket, state: 'open', pending: new Map() };
    this.connections.push(connection);
    socket.on('message', (data) => this.receive(connection, data.toString()));
    socket.on('close', () => {
      connection.state = 'closed';
      // Slack cannot get an ack over a closed connection: the user sees the command fail.
      for (const settle of [...connection.pending.values()]) settle({ error: 'dispatch_failed' });
      this.changed();
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open().length,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    if (this.helloThen === 'close') socket.close(1000, 'going away');
    if (this.helloThen === 'refresh') this.refresh([connection.id]);
    this.changed();
  }

  private receive(connection: Connection, text: string): void {
    let message: any;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message?.envelope_id !== 'string') return;
    this.ackedIds.push(message.envelope_id);
    connection.pending.get(message.envelope_id)?.({ acked: message.payload ?? {} });
    this.changed();
  }

  private pick(): Connection | undefined {
    const live = this.connections.filter((c) => c.state === 'open');
    const candidates = live.length > 0 ? live : this.connections.filter((c) => c.state === 'refreshing');
    if (candidates.length === 0) return undefined;
    return candidates[this.turn++ % candidates.length];
  }

  private select(ids?: number[]): Connection[] {
    return this.connections.filter((c) => c.state !== 'closed' && (ids === undefined || ids.includes(c.id)));
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
