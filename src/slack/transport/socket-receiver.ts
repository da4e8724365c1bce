import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultProcessEventErrorHandler,
  type App,
  type CustomRoute,
  type Logger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Clock } from '../../clock';
import { ReconnectBackoff } from './reconnect-backoff';
import { Redeliveries } from './redeliveries';
import { serveRoutes } from './routes-server';
import { SocketLink, withoutPayloads } from './socket-link';
import { socketStartupError } from './socket-startup-error';
import type { SocketState } from './socket-health';

export interface SocketReceiverOptions {
  appToken: string;
  logger: Logger;
  clock: Clock;
  /** Where apps.connections.open is asked (slackApiUrl) and how patiently. */
  clientOptions: WebClientOptions;
  /** The port for customRoutes such as /healthz (0: any free port). */
  port: number;
  customRoutes: CustomRoute[];
  /** Connections kept open at once (Slack allows 10 per app and sends each envelope to one). */
  links?: number;
}

interface Link {
  client: SocketLink;
  /** When it said hello (monotonic ms); unset until then. */
  connectedAt: number | undefined;
  /** The reconnect attempt it was opened in (see ReconnectBackoff). */
  attempt: number;
  /** Slack asked for this connection back (refresh_requested); it goes once a replacement is up. */
  leaving: boolean;
  /** Envelopes received here and not yet acked: their acks can only travel on this connection. */
  unacked: number;
  /** Settles once the connection has said hello or failed. */
  opened: Promise<unknown>;
}

interface SlackEvent {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

/** A connection lost sooner than this after its hello died young: Slack is not letting it stay. */
const YOUNG_MS = 30_000;

/**
 * Bolt's Socket Mode receiver, made so that a command is deliverable at every moment. It keeps two
 * connections (a drop leaves the other one serving while it is replaced at once), opens the
 * replacement for a connection Slack wants to refresh before letting that one go, and acks without
 * handling an envelope Slack redelivers after a reconnect. Connections that fail to open or die
 * young are retried with a growing wait, so a Slack that ends every connection at once is not
 * answered with a storm of new ones. It serves customRoutes on `port`.
 */
export class SocketReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private readonly links = new Set<Link>();
  private readonly redeliveries = new Redeliveries();
  private stopped = true;
  private readonly backoff = new ReconnectBackoff();
  private retryTimer: NodeJS.Timeout | undefined;
  private disconnectedSince: number | undefined;

  constructor(private readonly o: SocketReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** Serves the routes, then connects; rejects if Slack refuses the app token. */
  async start(): Promise<Server> {
    this.disconnectedSince = this.o.clock.now();
    const server = serveRoutes(this.o.customRoutes, this.o.logger);
    this.server = server;
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.o.port, () => resolve()));
    try {
      await Promise.all(Array.from({ length: this.o.links ?? 2 }, () => this.open()));
    } catch (error) {
      await this.stop();
      throw socketStartupError(error, this.o.clientOptions.slackApiUrl);
    }
    // Only now are lost connections replaced (one lost meanwhile is, here): at start-up a failure is the answer.
    this.stopped = false;
    this.refill();
    this.o.logger.info(`Socket Mode connected; health on port ${(server.address() as AddressInfo).port}`);
    return server;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await Promise.all([...this.links].map((link) => this.close(link)));
    this.links.clear();
    const server = this.server;
    this.server = undefined;
    if (server?.listening) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  /**
   * Closes a link, letting one still opening finish first (briefly): closing it mid-handshake leaves
   * @slack/socket-mode's 30 s close-handshake timer running, which holds the process open.
   */
  private async close(link: Link): Promise<void> {
    if (link.connectedAt === undefined) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        link.opened.catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, 2_000))),
      ]);
      clearTimeout(timer);
    }
    await link.client.disconnect();
  }

  /** For /healthz: whether any connection is up, and since when none has been. */
  state(): SocketState {
    return {
      connected: [...this.links].some((l) => l.connectedAt !== undefined),
      disconnectedSince: this.disconnectedSince,
    };
  }

  private async open(): Promise<void> {
    const client = new SocketLink({
      appToken: this.o.appToken,
      logger: withoutPayloads(this.o.logger),
      // This receiver replaces lost connections itself: at once, not after the stock 5 s wait, unless they die young.
      autoReconnectEnabled: false,
      clientOptions: {
        slackApiUrl: this.o.clientOptions.slackApiUrl,
        timeout: this.o.clientOptions.timeout,
        retryConfig: { retries: 0 },
      },
    });
    const link: Link = {
      client,
      connectedAt: undefined,
      attempt: this.backoff.attempt,
      leaving: false,
      unacked: 0,
      opened: Promise.resolve(),
    };
    // Counted before it connects, so concurrent refills do not open more than needed.
    this.links.add(link);
    client.on('slack_event', (event: SlackEvent) => {
      // Nothing awaits a listener: a rejection here would end the process.
      this.dispatch(link, event).catch((error: unknown) =>
        this.o.logger.error('a Socket Mode envelope could not be handled:', error),
      );
    });
    client.on('refresh_requested', () => {
      link.leaving = true;
      const age = this.age(link);
      if (age !== undefined && age < YOUNG_MS) {
        this.retryLater(link, `Slack asked to refresh a Socket Mode connection ${age} ms after it opened`);
        return;
      }
      this.o.logger.info('Slack asked to refresh a Socket Mode connection; opening its replacement first');
      this.refill();
    });
    client.on('link_disabled', () => {
      this.o.logger.error(
        'Slack disabled Socket Mode for this app (link_disabled): turn it back on under Socket Mode in the app settings',
      );
    });
    client.on('connected', () => {
      link.connectedAt = performance.now();
      this.disconnectedSince = undefined;
      this.releaseLeaving();
    });
    client.on('disconnected', () => this.lost(link));
    link.opened = client.start();
    // Lost once, whichever comes first: the close, or (when no socket was opened) the rejection.
    link.opened.catch((error: unknown) => this.lost(link, error));
    await link.opened;
  }

  /** How long a connection has been up, in ms; undefined before its hello. */
  private age(link: Link): number | undefined {
    return link.connectedAt === undefined ? undefined : Math.round(performance.now() - link.connectedAt);
  }

  private lost(link: Link, error?: unknown): void {
    if (!this.links.delete(link)) return;
    if (!this.state().connected) this.disconnectedSince ??= this.o.clock.now();
    if (this.stopped) return;
    const age = this.age(link);
    if (link.leaving) {
      // Slack asked for it back: that was dealt with when it asked.
      this.refill();
    } else if (age === undefined) {
      // A connection that closes before its hello rejects with nothing to say.
      const reason = error instanceof Error ? error.message : 'closed before hello';
      this.retryLater(link, `could not open a Socket Mode connection (${reason})`);
    } else if (age < YOUNG_MS) {
      this.retryLater(link, `a Socket Mode connection closed ${age} ms after it opened`);
    } else {
      this.backoff.reset();
      this.o.logger.warn('a Socket Mode connection was lost; replacing it');
      this.refill();
    }
  }

  /** Counts a failure and refills at once, or after a wait that grows with each failure in a row. */
  private retryLater(link: Link, what: string): void {
    // A connection that has held for a while (not one being let go) means the failures are over.
    if ([...this.links].some((l) => !l.leaving && (this.age(l) ?? 0) >= YOUNG_MS)) this.backoff.reset();
    const delay = this.backoff.failed(link.attempt);
    if (delay === undefined || delay === 0) {
      this.o.logger.warn(`${what}; ${this.retryTimer ? 'already waiting to reconnect' : 'replacing it'}`);
      this.refill();
      return;
    }
    this.o.logger.warn(`${what}; trying again in ${delay} ms`);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.refill();
    }, delay);
  }

  /** Opens connections until enough are up or on their way, not counting those being let go. */
  private refill(): void {
    if (this.stopped || this.retryTimer) return;
    const staying = [...this.links].filter((l) => !l.leaving).length;
    // Failures are handled where the connection is lost.
    for (let i = staying; i < (this.o.links ?? 2); i++) this.open().catch(() => undefined);
  }

  /** Lets go of refreshed connections once another is up and their own acks are sent. */
  private releaseLeaving(): void {
    const serving = [...this.links].some((l) => l.connectedAt !== undefined && !l.leaving);
    if (!serving) return;
    for (const link of this.links) {
      if (link.leaving && link.unacked === 0) void link.client.disconnect();
    }
  }

  private async dispatch(link: Link, slack: SlackEvent): Promise<void> {
    if (this.redeliveries.alreadyHandled(slack.body, slack.retry_num)) {
      await slack.ack().catch(() => undefined);
      return;
    }
    link.unacked += 1;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      link.unacked -= 1;
      if (link.leaving) this.releaseLeaving();
    };
    const event: ReceiverEvent = {
      body: slack.body,
      retryNum: slack.retry_num,
      retryReason: slack.retry_reason,
      customProperties: {},
      ack: async (response?: Record<string, unknown>) => {
        if (settled) return;
        try {
          await slack.ack(response);
        } finally {
          settle();
        }
      },
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      if (await defaultProcessEventErrorHandler({ error: error as Error, logger: this.o.logger, event }))
        await event.ack();
    } finally {
      settle();
    }
  }
}
