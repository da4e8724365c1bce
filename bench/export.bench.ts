import fs from 'node:fs';
import path from 'node:path';
import { writeChunks } from '../src/cli/write-chunks';
import { ManualClock } from '../test/support/manual-clock';
import { DEFAULT_POLICY } from '../src/config/policy';
import { createPostmortemRenderer } from '../src/postmortem/postmortem.service';
import { slackText } from '../src/slack/text/slack-text';
import { createStore } from '../src/store';
import { entries as entry } from '../src/timeline/entries';
import { openDatabase } from '../src/store/sqlite/db';
import { migrate } from '../src/store/sqlite/migrate';
import type { BenchResult } from './benches';
import { createRecorder } from '../src/timeline/record';

const ENTRIES = 100_000;
const SMALL = 20_000;

async function seed(dir: string, name: string, entries: number) {
  const db = openDatabase(path.join(dir, `${name}.db`));
  migrate(db);
  const store = createStore(db);
  // The bench measures the export: seeding skips the `text` column's line.
  const recorder = createRecorder({ line: () => '' });
  const t0 = Date.UTC(2026, 0, 1);
  const { incident } = await store.incidents.insertOnce({
    declareKey: 'bench',
    title: 'A very long incident',
    severity: 'SEV1',
    impact: 'Everything',
    commanderId: 'UBOB',
    declaredBy: 'UALICE',
    declaredAt: t0,
    sourceViewId: null,
  });
  await store.transaction(async (tx) => {
    for (let i = 0; i < entries; i++) {
      const at = { incidentId: incident.id, at: t0 + i * 1000, actorId: 'UCAROL' };
      const source = `Entry ${i}: error rate <@UBOB> *${i % 97}%* | retrying #${i}`;
      const body = slackText.read(source);
      const permalink = 'https://acme.slack.com/archives/C1/p1';
      await recorder.record(
        tx,
        i % 3
          ? entry.note(at, { source, body }, `bench-${i}`)
          : entry.message(
              at,
              {
                channelId: 'C1',
                ts: `${at.at / 1000}.000100`,
                permalink,
                addedBy: 'UBOB',
                addedAt: at.at,
                source,
                body,
              },
              `C1:${i}`,
            ),
      );
    }
  });
  return {
    db,
    postmortem: createPostmortemRenderer({ store, policy: DEFAULT_POLICY, clock: new ManualClock(), chat: slackText }),
    id: incident.id,
  };
}

/** Exports to a file; returns the time taken, the peak heap growth and the file size. */
async function exportOnce(dir: string, entries: number) {
  const { db, postmortem, id } = await seed(dir, `export-${entries}`, entries);
  const file = path.join(dir, `postmortem-${entries}.md`);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
  const out = fs.createWriteStream(file);
  const started = process.hrtime.bigint();
  await writeChunks(await postmortem.render(id, 'md'), out);
  await new Promise((resolve) => out.end(resolve));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  db.close();
  return { ms, growth: (peak - heapBefore) / 1024 / 1024, size: fs.statSync(file).size / 1024 / 1024 };
}

/**
 * Postmortem export of one incident with 100,000 timeline entries. Memory is bounded when the
 * heap grows about as much for 100,000 entries as for 20,000 (a document built in memory would
 * grow five times as much).
 */
export async function exportBenchmark(dir: string): Promise<BenchResult[]> {
  const small = await exportOnce(dir, SMALL);
  const large = await exportOnce(dir, ENTRIES);
  const bounded = large.growth < small.growth * 2 + 8;
  return [
    {
      name: `export ${ENTRIES.toLocaleString('en')} timeline entries (Markdown, ${large.size.toFixed(1)} MB)`,
      value: `${large.ms.toFixed(0)} ms`,
      goal: '< 2000 ms',
      ok: large.ms < 2000,
      floor: 'none measured: an absolute goal for the longest timeline expected',
    },
    {
      name: 'export peak heap growth, 20,000 → 100,000 entries',
      value: `${small.growth.toFixed(1)} MB → ${large.growth.toFixed(1)} MB`,
      goal: 'flat (not 5× for 5× the entries)',
      ok: bounded,
      floor: 'the 20,000-entry export: a streamed document grows the heap about as much for five times the entries',
    },
  ];
}
