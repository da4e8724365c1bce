import fs from 'node:fs';
import os from 'node:os';
import type { BenchResult } from './benches';

/** One bench's rows as measured in one run, with the load it ran under. */
export interface BenchSection {
  name: string;
  measuredAt: string;
  loadAtStart: string;
  loadAtEnd: string;
  results: BenchResult[];
  /** Words kept under the table (a note written by hand when the section was made). */
  note?: string;
}

const HEADING = /^## (\S+)$/;

/** The sections of an existing results file by bench name, as their text (heading included). */
export function readSections(file: string): Map<string, string> {
  const sections = new Map<string, string>();
  if (!fs.existsSync(file)) return sections;
  let current: { name: string; lines: string[] } | undefined;
  const keep = () => current && sections.set(current.name, current.lines.join('\n').trimEnd());
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      keep();
      current = { name: heading[1]!, lines: [line] };
    } else current?.lines.push(line);
  }
  keep();
  return sections;
}

export function sectionText(s: BenchSection): string {
  return [
    `## ${s.name}`,
    '',
    `Measured ${s.measuredAt}, load average ${s.loadAtStart} at the start and ${s.loadAtEnd} at the end.`,
    '',
    '| measure | result | floor: compared with, and why | goal | met |',
    '| --- | --- | --- | --- | --- |',
    ...s.results.map((r) => `| ${r.name} | ${r.value} | ${r.floor ?? '—'} | ${r.goal} | ${r.ok ? 'yes' : 'no'} |`),
    ...(s.note ? ['', s.note] : []),
  ].join('\n');
}

/**
 * The whole file: the sections of this run, and those of benches not run this time as an earlier
 * run left them (each says when it was measured), in the order `order` names the benches.
 */
export function resultsText(order: string[], fresh: Map<string, string>, earlier: Map<string, string>): string {
  const sections = order.map((name) => fresh.get(name) ?? earlier.get(name)).filter((s): s is string => !!s);
  return [
    '# Benchmark results',
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. Each section is one bench's run, with the load average it ran under (ratios against a bare baseline move with other processes' load). \`npm run bench\` regenerates every section; \`npm run bench -- <name> …\` only the named ones, keeping the others as they were.`,
    '',
    'Round trips are milliseconds ÷ the fake Slack latency; goals marked (proposed) are not from an issue. The floor column says what each figure is compared with and why nothing could do better.',
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
}
