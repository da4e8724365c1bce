/**
 * The load generator for the ack-latency bench, run as a child process so that signing, sending
 * and timing requests do not share the event loop (or the CPU core) of the server measured.
 * It takes one job at a time over IPC and answers with the latencies it saw.
 */
import http from 'node:http';
import { sign } from '../test/support/signed-request';

export interface LoadJob {
  url: string;
  secret: string;
  /** The form body of every request (the timestamp and signature are fresh per request). */
  body: string;
  concurrency: number;
  requests: number;
  /** A substring every response body must contain ('' to check only the status). */
  expect: string;
}

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
}

function post(agent: http.Agent, url: URL, job: LoadJob): Promise<{ status: number; text: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          // Exactly this, without "; charset": Bolt parses no other form type.
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(job.body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(job.secret, timestamp, job.body),
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
    request.end(job.body);
  });
}

// One keep-alive agent per server and concurrency, kept across jobs: a warm-up job opens the
// connections that the measured job then reuses, so no connection set-up is timed.
const agents = new Map<string, http.Agent>();
function agentFor(job: LoadJob): http.Agent {
  const key = `${job.url} ${job.concurrency}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * A kept-alive socket that idled while the other server was measured may have been closed by
 * the server (its keep-alive timeout) just as it is reused; that is the client's race, not the
 * server's failure, so such a request is sent again (and its time counted in full).
 */
async function postReusing(agent: http.Agent, url: URL, job: LoadJob): Promise<{ status: number; text: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post(agent, url, job);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw error;
    }
  }
}

/** `concurrency` loops share a fixed number of requests, each one waiting for its answer. */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = agentFor(job);
  const latenciesMs: number[] = [];
  let issued = 0;
  const loop = async () => {
    while (issued < job.requests) {
      issued++;
      const started = process.hrtime.bigint();
      const { status, text } = await postReusing(agent, url, job);
      latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (status !== 200 || !text.includes(job.expect))
        throw new Error(`unexpected answer ${status}: ${text.slice(0, 200)}`);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  return { latenciesMs, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

if (require.main === module) {
  process.on('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!({ ok: true, result }),
      (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
