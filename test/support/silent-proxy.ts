import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server (the run's PostgreSQL), so one test can make its
 * own route to the server fail without touching the server other test files share.
 *
 * `silence()` makes it a black hole, as a paused (SIGSTOP) or partitioned server looks to a client:
 * every connection stays open and takes what is written, new connections are still accepted, and
 * nothing ever answers. `refuse()` makes the server gone: connections are closed and new ones refused
 * (ECONNREFUSED).
 */
export class SilentProxy {
  private silent = false;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  static async start(target: { host: string; port: number }): Promise<SilentProxy> {
    const server = net.createServer();
    const proxy = new SilentProxy(server, target);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** A PostgreSQL URL that goes through the proxy instead of straight to the server. */
  static async before(url: string): Promise<{ proxy: SilentProxy; url: string }> {
    const parsed = new URL(url);
    const proxy = await SilentProxy.start({ host: parsed.hostname, port: Number(parsed.port) });
    parsed.host = `127.0.0.1:${proxy.port}`;
    return { proxy, url: parsed.toString() };
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private accept(client: net.Socket): void {
    this.track(client);
    // While silent, a new connection is accepted (the kernel does that for a paused server) and never read.
    if (this.silent) {
      client.pause();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    this.track(upstream);
    const forward = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => {
        if (!to.write(chunk)) from.pause();
      });
      to.on('drain', () => {
        if (!this.silent) from.resume();
      });
      from.on('close', () => to.destroy());
    };
    forward(client, upstream);
    forward(upstream, client);
  }

  /** Nothing is forwarded from now on, either way, and no socket is closed: the server went silent. */
  silence(): void {
    this.silent = true;
    for (const socket of this.sockets) socket.pause();
  }

  /** The server is gone: open connections are cut and new ones refused. */
  async refuse(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  async stop(): Promise<void> {
    if (this.server.listening) await this.refuse();
    for (const socket of this.sockets) socket.destroy();
  }
}
