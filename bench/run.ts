/**
 * `npm run bench`: measures what the issues set goals for and writes bench/results.md, a section
 * per bench. `npm run bench -- round-trips startup` runs only those and replaces only their
 * sections. Not part of `npm test`; run it on a quiet machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCHES } from './benches';
import { readSections, resultsText, sectionText } from './results-file';

const load = () => os.loadavg()[0]?.toFixed(1) ?? '?';

async function main(): Promise<void> {
  const order = Object.keys(BENCHES);
  const asked = process.argv.slice(2);
  const unknown = asked.filter((n) => !BENCHES[n]);
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; name some of: ${order.join(', ')}`);
  const names = asked.length > 0 ? order.filter((n) => asked.includes(n)) : order;
  const file = path.resolve(__dirname, 'results.md');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-bench-'));
  const fresh = new Map<string, string>();
  try {
    for (const name of names) {
      const loadAtStart = load();
      const results = await BENCHES[name]!(dir);
      for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.value} (goal ${r.goal})`);
      fresh.set(
        name,
        sectionText({ name, measuredAt: new Date().toISOString(), loadAtStart, loadAtEnd: load(), results }),
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.writeFileSync(file, resultsText(order, fresh, asked.length > 0 ? readSections(file) : new Map()));
  // Laid out as `npm run lint` wants it, so a fresh run can be committed as it is.
  spawnSync(process.execPath, [require.resolve('@biomejs/biome/bin/biome'), 'format', '--write', file], {
    stdio: 'ignore',
  });
  console.log(`\nWrote bench/results.md (${names.join(', ')})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
