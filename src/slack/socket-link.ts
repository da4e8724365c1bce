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
    if (!isBinary && isRefreshRequest(data)) {
      this.emit('refresh_requested');
      return;
    }
    return super.onWebSocketMessage(data, isBinary);
  }
}

function isRefreshRequest(data: string | ArrayBuffer): boolean {
  try {
    const message = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
    return message?.type === 'disconnect' && message.reason === 'refresh_requested';
  } catch {
    return false;
  }
}
