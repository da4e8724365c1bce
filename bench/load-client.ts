/**
 * The load generator for the ack-latency and status-page benches, run as a child process so that
 * signing, sending and timing requests do not share the event loop (or the CPU core) of the servers
 * measured. It takes one job at a time over IPC and answers with the latencies it saw.
 */
import http from 'node:http';
import { sign } from '../test/support/signed-request';

export interface LoadTarget {
  url: string;
  /** A substring every response body must contain ('' to check only the status). */
  expect: string;
}

export interface LoadJob extends LoadTarget {
  secret: string;
  /** The form body of every request (the timestamp and signature are fresh per request). */
  body: string;
  concurrency: number;
  requests: number;
}

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
}

/**
 * Several servers measured in turns of `blockRequests` requests each, `blocks` turns per server,
 * the order of each round reversed every other round (ABBA…), so that whatever else the machine
 * does falls on all of them alike.
 */
export interface InterleavedJob {
  targets: LoadTarget[];
  secret: string;
  /** The form body of every POST; with `get`, unused. */
  body: string;
  /** true: plain GETs of each target's URL (no body, no signature) instead of signed POSTs. */
  get?: boolean;
  concurrency: number;
  blockRequests: number;
  blocks: number;
}

export interface InterleavedResult {
  /** Per target, in the order given. */
  latenciesMs: number[][];
  /** Per target, the time its turns took in all (from a turn's first request to its last answer). */
  wallMs: number[];
}

/** A signed form POST, or with `secret` null a plain GET. */
function post(
  agent: http.Agent,
  url: URL,
  secret: string | null,
  body: string,
): Promise<{ status: number; text: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: secret === null ? 'GET' : 'POST',
        headers:
          secret === null
            ? {}
            : {
                // Exactly this, without "; charset": Bolt parses no other form type.
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body),
                'x-slack-request-timestamp': String(timestamp),
                'x-slack-signature': sign(secret, timestamp, body),
              },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(secret === null ? undefined : body);
  });
}

// One keep-alive agent per server and concurrency, kept across jobs: a warm-up job opens the
// connections that the measured job then reuses, so no connection set-up is timed.
const agents = new Map<string, http.Agent>();
function agentFor(url: string, concurrency: number): http.Agent {
  const key = `${url} ${concurrency}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * A kept-alive socket that idled while the other server was measured may have been closed by
 * the server (its keep-alive timeout) just as it is reused; that is the client's race, not the
 * server's failure, so such a request is sent again (and its time counted in full).
 */
async function postReusing(
  agent: http.Agent,
  url: URL,
  secret: string | null,
  body: string,
): Promise<{ status: number; text: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post(agent, url, secret, body);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw error;
    }
  }
}

/** `concurrency` loops share a fixed number of requests, each one waiting for its answer. */
async function load(
  target: LoadTarget,
  o: { secret: string | null; body: string; concurrency: number; requests: number },
  latenciesMs: number[],
): Promise<void> {
  const url = new URL(target.url);
  const agent = agentFor(target.url, o.concurrency);
  let issued = 0;
  const loop = async () => {
    while (issued < o.requests) {
      issued++;
      const started = process.hrtime.bigint();
      const { status, text } = await postReusing(agent, url, o.secret, o.body);
      latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (status !== 200 || !text.includes(target.expect))
        throw new Error(`unexpected answer ${status} from ${target.url}: ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  await load(job, job, latenciesMs);
  return { latenciesMs, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

export async function runInterleaved(job: InterleavedJob): Promise<InterleavedResult> {
  // This process's own garbage is collected before, not during, the measured requests.
  (globalThis as { gc?: () => void }).gc?.();
  const latenciesMs = job.targets.map(() => [] as number[]);
  const wallMs = job.targets.map(() => 0);
  const o = { secret: job.get ? null : job.secret, body: job.body, concurrency: job.concurrency };
  // Every connection open before anything is timed.
  for (const target of job.targets) await load(target, { ...o, requests: job.concurrency * 2 }, []);
  for (let round = 0; round < job.blocks; round++) {
    const order = job.targets.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const started = process.hrtime.bigint();
      await load(job.targets[i]!, { ...o, requests: job.blockRequests }, latenciesMs[i]!);
      wallMs[i]! += Number(process.hrtime.bigint() - started) / 1e6;
    }
  }
  return { latenciesMs, wallMs };
}

if (require.main === module) {
  process.on('message', (job: LoadJob | InterleavedJob) => {
    const work = 'targets' in job ? runInterleaved(job) : runLoad(job);
    work.then(
      (result) => process.send!({ ok: true, result }),
      (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
