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
import type { Clock } from '../clock';
import { StartupError } from '../errors';
import { Redeliveries } from './redeliveries';
import { serveRoutes } from './routes-server';
import { slackErrorCode } from './slack-errors';
import { SocketLink, withoutPayloads } from './socket-link';
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
  connected: boolean;
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

const MAX_RETRY_DELAY_MS = 30_000;
const TOKEN_REFUSALS = ['invalid_auth', 'not_authed', 'not_allowed_token_type', 'account_inactive', 'token_revoked'];

/**
 * Bolt's Socket Mode receiver, made so that a command is deliverable at every moment. It keeps two
 * connections (a drop leaves the other one serving while it is replaced at once), opens the
 * replacement for a connection Slack wants to refresh before letting that one go, and acks without
 * handling an envelope Slack redelivers after a reconnect. It serves customRoutes on `port`.
 */
export class SocketReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private readonly links = new Set<Link>();
  private readonly redeliveries = new Redeliveries();
  private stopped = true;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private disconnectedSince: number | undefined;

  constructor(private readonly o: SocketReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** Serves the routes, then connects; rejects if Slack refuses the app token. */
  async start(): Promise<Server> {
    this.stopped = false;
    this.disconnectedSince = this.o.clock.now();
    const server = serveRoutes(this.o.customRoutes, this.o.logger);
    this.server = server;
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.o.port, () => resolve()));
    try {
      await Promise.all(Array.from({ length: this.o.links ?? 2 }, () => this.open()));
    } catch (error) {
      await this.stop();
      throw this.startupError(error);
    }
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
    if (!link.connected) {
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
    return { connected: [...this.links].some((l) => l.connected), disconnectedSince: this.disconnectedSince };
  }

  private startupError(error: unknown): StartupError {
    const code = slackErrorCode(error) ?? 'closed before hello';
    if (TOKEN_REFUSALS.includes(code)) {
      return new StartupError(
        `Slack rejected SLACK_APP_TOKEN (${code}). Use an App-Level Token (xapp-…) with the connections:write scope from Basic Information in your Slack app.`,
      );
    }
    const reason = code === 'slack_webapi_request_error' ? 'network error' : code;
    return new StartupError(
      `Could not open a Socket Mode connection through ${this.o.clientOptions.slackApiUrl} (${reason}).`,
    );
  }

  private async open(): Promise<void> {
    const client = new SocketLink({
      appToken: this.o.appToken,
      logger: withoutPayloads(this.o.logger),
      // This receiver replaces lost connections itself, at once instead of after the stock 5 s wait.
      autoReconnectEnabled: false,
      clientOptions: {
        slackApiUrl: this.o.clientOptions.slackApiUrl,
        timeout: this.o.clientOptions.timeout,
        retryConfig: { retries: 0 },
      },
    });
    const link: Link = { client, connected: false, leaving: false, unacked: 0, opened: Promise.resolve() };
    // Counted before it connects, so concurrent refills do not open more than needed.
    this.links.add(link);
    client.on('slack_event', (event: SlackEvent) => {
      // Nothing awaits a listener: a rejection here would end the process.
      this.dispatch(link, event).catch((error: unknown) =>
        this.o.logger.error('a Socket Mode envelope could not be handled:', error),
      );
    });
    client.on('refresh_requested', () => {
      this.o.logger.info('Slack asked to refresh a Socket Mode connection; opening its replacement first');
      link.leaving = true;
      this.refill();
    });
    client.on('link_disabled', () => {
      this.o.logger.error(
        'Slack disabled Socket Mode for this app (link_disabled): turn it back on under Socket Mode in the app settings',
      );
    });
    client.on('connected', () => {
      link.connected = true;
      this.disconnectedSince = undefined;
      this.failures = 0;
      this.releaseLeaving();
    });
    client.on('disconnected', () => this.lost(link));
    link.opened = client.start();
    try {
      await link.opened;
    } catch (error) {
      this.links.delete(link);
      throw error;
    }
  }

  private lost(link: Link): void {
    if (!this.links.delete(link)) return;
    if (!this.state().connected) this.disconnectedSince ??= this.o.clock.now();
    if (this.stopped) return;
    if (!link.leaving) this.o.logger.warn('a Socket Mode connection was lost; replacing it');
    this.refill();
  }

  /** Opens connections until enough are up or on their way, not counting those being let go. */
  private refill(): void {
    if (this.stopped || this.retryTimer) return;
    const staying = [...this.links].filter((l) => !l.leaving).length;
    for (let i = staying; i < (this.o.links ?? 2); i++) {
      this.open().catch((error: unknown) => {
        if (this.stopped) return;
        this.failures += 1;
        const delay = Math.min(1_000 * 2 ** (this.failures - 1), MAX_RETRY_DELAY_MS);
        // A connection that closes before its hello rejects with nothing to say.
        const reason = error instanceof Error ? error.message : 'closed before hello';
        this.o.logger.warn(`could not open a Socket Mode connection (${reason}); trying again in ${delay} ms`);
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.refill();
        }, delay);
      });
    }
  }

  /** Lets go of refreshed connections once another is up and their own acks are sent. */
  private releaseLeaving(): void {
    const serving = [...this.links].some((l) => l.connected && !l.leaving);
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
