import net from 'node:net';

/**
 * Sends one HTTP/1.1 request with its request target exactly as given (fetch and http.request
 * normalise or refuse targets such as `//` or `http://[`), and resolves with the status code the
 * server answered, or 0 if it closed the connection without answering.
 */
export function rawRequest(origin: string, method: string, target: string, timeoutMs = 5_000): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${method} ${target} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0));
    });
    const body = method === 'POST' ? '{}' : '';
    socket.end(
      `${method} ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
  });
}

/** Starts a POST whose body never arrives in full: the sender goes away mid-body. */
export async function cutOffRequest(origin: string, path: string): Promise<void> {
  const { hostname, port } = new URL(origin);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();
}
