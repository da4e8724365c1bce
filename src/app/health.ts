import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../clock';
import type { InFlight } from '../in-flight';
import { socketHealth } from '../slack/transport/socket-health';
import type { SocketReceiver } from '../slack/transport/socket-receiver';
import type { StoreEngine } from '../store/engine';

/**
 * `GET /healthz`: the database (reachable and writable), and in Socket Mode the connection to
 * Slack (down past its grace period: restart me). 503 with the reason when either is not well.
 */
export function healthRoute(deps: {
  engine: Pick<StoreEngine, 'health'>;
  inFlight: InFlight;
  clock: Clock;
  socket: () => SocketReceiver | undefined;
}): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req, res) => {
      const database = await deps.engine.health();
      const receiver = deps.socket();
      const socket = receiver && socketHealth(receiver.state(), deps.clock.now());
      const status = !database.ok ? database.status : socket?.healthy === false ? 'socket disconnected' : 'ok';
      res.writeHead(status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status,
          ...(!database.ok && database.reason ? { reason: database.reason } : {}),
          inFlight: deps.inFlight.size,
          ...(socket ? { socket: socket.socket, downForSeconds: socket.downForSeconds } : {}),
        }),
      );
    },
  };
}
