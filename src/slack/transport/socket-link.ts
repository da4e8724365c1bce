import type { Logger } from '@slack/bolt';
import { SocketModeClient, type SocketModeOptions } from '@slack/socket-mode';
import { readSocketMessage } from './socket-message';

/** The client's own way to ack: private in its typings, public at run time, and what its acks use. */
type Sender = { send(envelopeId: string): Promise<void> };

/**
 * One Socket Mode connection. Unlike the stock client, which closes its connection the moment
 * Slack says `refresh_requested` and opens the next one seconds later (a command sent in between
 * fails with dispatch_failed), this link only reports the request: the receiver opens the
 * replacement first and lets this one go afterwards. Slack keeps the old connection for about
 * 10 s after asking, which is plenty. Frames the stock client would choke on are logged and
 * dropped here instead (with an ack when they carry an envelope id, so Slack does not resend them).
 */
export class SocketLink extends SocketModeClient {
  private readonly log: Logger;

  constructor(options: SocketModeOptions & { logger: Logger }) {
    super(options);
    this.log = options.logger;
  }

  protected override async onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void> {
    try {
      if (isBinary) return await super.onWebSocketMessage(data, isBinary);
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
      const message = readSocketMessage(text);
      if (message.kind === 'ignored') return this.ignore(message.why, message.envelopeId);
      if (message.kind === 'disconnect' && message.reason === 'refresh_requested') {
        this.emit('refresh_requested');
        return;
      }
      // Someone turned Socket Mode off in the app's settings: worth a louder log than a routine close.
      if (message.kind === 'disconnect' && message.reason === 'link_disabled') this.emit('link_disabled');
      // The client emits each event under its own type, so one named like the client's own events
      // (`close`, `disconnected`) would act on the connection.
      if (message.kind === 'envelope' && message.eventType && this.listenerCount(message.eventType) > 0)
        return this.ignore(`an event named ${message.eventType}`, message.envelopeId);
      await super.onWebSocketMessage(text, false);
    } catch (error) {
      // Nothing awaits this handler: a throw here would end the process.
      this.log.error('a Socket Mode message could not be handled:', error);
    }
  }

  private ignore(why: string, envelopeId: string | undefined): void {
    if (envelopeId === undefined) {
      this.log.warn(`ignored ${why} from Slack`);
      return;
    }
    this.log.warn(`ignored ${why} from Slack; acknowledged it so that Slack does not send it again`);
    (this as unknown as Sender).send(envelopeId).catch(() => undefined);
  }
}

/** The socket client logs whole envelopes and acks at debug level: what people typed stays out of the logs. */
export function withoutPayloads(logger: Logger): Logger {
  const carriesPayload =
    /^(Received a message on the WebSocket|Sending a WebSocket message|Calling ack\(\)|Unable to parse)/;
  return {
    ...logger,
    debug: (...msg: unknown[]) =>
      typeof msg[0] === 'string' && carriesPayload.test(msg[0]) ? undefined : logger.debug(...msg),
  };
}
