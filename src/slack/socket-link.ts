import type { Logger } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';

/**
 * One Socket Mode connection. Unlike the stock client, which closes its connection the moment
 * Slack says `refresh_requested` and opens the next one seconds later (a command sent in between
 * fails with dispatch_failed), this link only reports the request: the receiver opens the
 * replacement first and lets this one go afterwards. Slack keeps the old connection for about
 * 10 s after asking, which is plenty.
 */
export class SocketLink extends SocketModeClient {
  protected override async onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void> {
    const reason = isBinary ? undefined : disconnectReason(data);
    if (reason === 'refresh_requested') {
      this.emit('refresh_requested');
      return;
    }
    // Someone turned Socket Mode off in the app's settings: worth a louder log than a routine close.
    if (reason === 'link_disabled') this.emit('link_disabled');
    return super.onWebSocketMessage(data, isBinary);
  }
}

function disconnectReason(data: string | ArrayBuffer): string | undefined {
  try {
    const message = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
    return message?.type === 'disconnect' ? String(message.reason) : undefined;
  } catch {
    return undefined;
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
