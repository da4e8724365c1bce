import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { BenchResult } from './benches';
import { startLoadProcess } from './load-process';
import { sleep } from './server-process';
import { ms, percentile } from './stats';

const CONCURRENCY = 50;
/** Requests per turn: long enough that the turn's start and end (fewer than 50 in flight) count little. */
const BLOCK = 2_000;
const BLOCKS = 5;
const REPEATS = 5;
const WARM_UP_BLOCKS = 2;
const SETTLE_MS = 200;
const GOAL_THROUGHPUT = 0.5;
const GOAL_P99 = 2;
/** The budget for each HTML page. */
const MAX_PAGE_BYTES = 50_000;
const PATHS = ['/', '/api/v2/summary.json'];
/** Headers Node writes on every response itself: not part of what is copied to the floor. */
const NODE_OWN = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Child {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Forks `main` (TypeScript through register-ts, or plain JavaScript) and waits for its first IPC message. */
async function forkServing<T>(main: string, args: string[], env: NodeJS.ProcessEnv): Promise<Child & { said: T }> {
  const child = fork(main, args, {
    execArgv: main.endsWith('.ts') ? ['-r', path.resolve(__dirname, '..', 'scripts', 'register-ts.js')] : [],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const said = await new Promise<T>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${path.basename(main)} exited (${code}) before it served`)));
    child.once('message', (m) => resolve(m as T));
  });
  child.removeAllListeners('exit');
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, said, stop };
}

function capture(
  url: string,
  requestHeaders: Record<string, string> = {},
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: requestHeaders }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
          const headers: Record<string, string> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            if (!NODE_OWN.has(res.rawHeaders[i]!.toLowerCase())) headers[res.rawHeaders[i]!] = res.rawHeaders[i + 1]!;
          resolve({ headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * Commander's status page (`/` and summary.json of a page with 20 components, 21 incidents of
 * public updates and 90 days of bars) against bare node:http answering the same bytes, each in its
 * own process, loaded by a third at concurrency 50 over keep-alive connections, in interleaved turns.
 */
export async function statusPageBenchmark(dir: string): Promise<BenchResult[]> {
  const cwd = fs.mkdtempSync(path.join(dir, 'status-'));
  const app = await forkServing<{ statusUrl: string }>(
    path.join(__dirname, 'status-page-child.ts'),
    [path.join(cwd, 'commander.db')],
    { PATH: process.env.PATH },
  );
  let bare: (Child & { said: { port: number } }) | undefined;
  const load = startLoadProcess();
  try {
    const base = app.said.statusUrl;
    const captured: Record<string, { headers: Record<string, string>; body: string; bytes: number }> = {};
    for (const p of PATHS) {
      const { headers, body } = await capture(`${base}${p}`);
      captured[p] = { headers, body: body.toString('base64'), bytes: body.length };
    }
    const file = path.join(cwd, 'responses.json');
    fs.writeFileSync(file, JSON.stringify(captured));
    bare = await forkServing<{ port: number }>(path.join(__dirname, 'bare-http-main.js'), [], {
      PATH: process.env.PATH,
      BARE_RESPONSES: file,
    });
    const bareBase = `http://127.0.0.1:${bare.said.port}`;
    for (const p of PATHS) {
      const got = await capture(`${bareBase}${p}`);
      if (got.body.toString('base64') !== captured[p]!.body) throw new Error(`the floor did not answer ${p} alike`);
    }

    const rows: BenchResult[] = [];
    const summary = JSON.parse(Buffer.from(captured['/api/v2/summary.json']!.body, 'base64').toString('utf8'));
    const pages = ['/', '/history', `/incidents/${summary.incidents[0].id}`];
    // As a browser gets them (Accept-Encoding: gzip, which every browser sends), and as text.
    const sizes = await Promise.all(
      pages.map(async (p) => ({
        sent: (await capture(`${base}${p}`, { 'accept-encoding': 'gzip' })).body.length,
        text: (await capture(`${base}${p}`)).body.length,
      })),
    );
    rows.push({
      name: 'status page HTML sizes as sent (20 components, 21 incidents, 90 days of bars)',
      value: pages
        .map(
          (p, i) =>
            `\`${p.startsWith('/incidents/') ? '/incidents/<id>' : p}\` ${sizes[i]?.sent} bytes (${sizes[i]?.text} as text)`,
        )
        .join(', '),
      goal: `each < ${MAX_PAGE_BYTES} bytes as text (so gzip is not needed to meet it)`,
      ok: sizes.every((n) => n.text < MAX_PAGE_BYTES),
    });
    for (const p of PATHS) {
      const expect = p === '/' ? '</html>' : '"page"';
      const common = {
        targets: [
          { url: `${bareBase}${p}`, expect },
          { url: `${base}${p}`, expect },
        ],
        get: true,
        secret: '',
        body: '',
        concurrency: CONCURRENCY,
        blockRequests: BLOCK,
      };
      await load.interleave({ ...common, blocks: WARM_UP_BLOCKS });
      const throughput: number[] = [];
      const p99: number[] = [];
      const figures = {
        app: { rps: [] as number[], p99: [] as number[] },
        bare: { rps: [] as number[], p99: [] as number[] },
      };
      // CPU each server spent on its own requests: on a shared machine a steadier cost than req/s.
      const cpuBefore = [cpuMs(bare.child.pid!), cpuMs(app.child.pid!)];
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        await sleep(SETTLE_MS);
        const { latenciesMs, wallMs } = await load.interleave({ ...common, blocks: BLOCKS });
        const rps = wallMs.map((w) => (BLOCK * BLOCKS * 1000) / w);
        const tail = latenciesMs.map((l) => percentile(l, 99));
        figures.bare.rps.push(rps[0]!);
        figures.app.rps.push(rps[1]!);
        figures.bare.p99.push(tail[0]!);
        figures.app.p99.push(tail[1]!);
        throughput.push(rps[1]! / rps[0]!);
        p99.push(tail[1]! / tail[0]!);
      }
      const cpuAfter = [cpuMs(bare.child.pid!), cpuMs(app.child.pid!)];
      const perThousand = cpuAfter.map((after, i) =>
        after === null || cpuBefore[i] === null ? null : ((after - cpuBefore[i]!) * 1000) / (REPEATS * BLOCKS * BLOCK),
      );
      const cpu =
        perThousand[0] == null || perThousand[1] == null
          ? ''
          : `; CPU per 1000 requests ${Math.round(perThousand[1])} ms vs ${Math.round(perThousand[0])} ms`;
      const t = median(throughput);
      const l = median(p99);
      const kb = (captured[p]!.bytes / 1024).toFixed(1);
      rows.push({
        name: `status page \`${p}\` (${kb} KB; 20 components, 21 incidents, 90 days), concurrency ${CONCURRENCY}: app ÷ bare node:http, each its own process, median of ${REPEATS} runs of ${BLOCK * BLOCKS} requests to each, interleaved in turns of ${BLOCK}`,
        floor:
          'bare node:http answering the same bytes (status, headers, body) from memory: what Node costs to serve them, nothing of Commander',
        value: `throughput ×${t.toFixed(2)} (${Math.round(median(figures.app.rps))} vs ${Math.round(median(figures.bare.rps))} req/s; runs ${throughput.map((r) => r.toFixed(2)).join(', ')}), p99 ×${l.toFixed(2)} (${ms(median(figures.app.p99))} vs ${ms(median(figures.bare.p99))}; runs ${p99.map((r) => r.toFixed(2)).join(', ')})${cpu}`,
        goal: `throughput ≥ ${GOAL_THROUGHPUT}×, p99 ≤ ${GOAL_P99}× bare node:http's`,
        ok: t >= GOAL_THROUGHPUT && l <= GOAL_P99,
      });
    }
    return rows;
  } finally {
    load.stop();
    await bare?.stop();
    await app.stop();
  }
}
