/**
 * `npm run bench`: measures what the issues set goals for and writes bench/results.md.
 * Not part of `npm test`; run it on a quiet machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCHES, type BenchResult } from './benches';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-bench-'));
  const loadAtStart = os.loadavg()[0]?.toFixed(1);
  const results: BenchResult[] = [];
  for (const bench of Object.values(BENCHES)) {
    const result = await bench(dir);
    results.push(...result);
    for (const r of result) console.log(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.value} (goal ${r.goal})`);
  }
  const table = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadAtStart} at the start and ${os.loadavg()[0]?.toFixed(1)} at the end (ratios against bare Bolt move with other processes' load). Regenerate with \`npm run bench\`.`,
    '',
    'Round trips are milliseconds ÷ the fake Slack latency; goals marked (proposed) are not from an issue. The floor column says what each figure is compared with and why nothing could do better.',
    '',
    '| measure | result | floor: compared with, and why | goal | met |',
    '| --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.name} | ${r.value} | ${r.floor ?? '—'} | ${r.goal} | ${r.ok ? 'yes' : 'no'} |`),
    '',
  ].join('\n');
  const file = path.resolve(__dirname, 'results.md');
  fs.writeFileSync(file, table);
  // Laid out as `npm run lint` wants it, so a fresh run can be committed as it is.
  spawnSync(process.execPath, [require.resolve('@biomejs/biome/bin/biome'), 'format', '--write', file], {
    stdio: 'ignore',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('\nWrote bench/results.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
