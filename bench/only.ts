/**
 * Runs some of the benches by name without writing bench/results.md, to compare a change quickly:
 * `node --expose-gc -r ./scripts/register-ts.js bench/only.ts ack startup`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCHES } from './benches';

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !BENCHES[n]);
  if (names.length === 0 || unknown.length > 0)
    throw new Error(`name one or more of: ${Object.keys(BENCHES).join(', ')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-bench-'));
  try {
    console.log(`load average ${os.loadavg()[0]?.toFixed(1)} at the start`);
    for (const name of names) {
      for (const r of await BENCHES[name]!(dir))
        console.log(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.value} (goal ${r.goal})`);
    }
    console.log(`load average ${os.loadavg()[0]?.toFixed(1)} at the end`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
