import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSections, resultsText, sectionText } from '../../../bench/results-file';

const section = (name: string, value: string) =>
  sectionText({
    name,
    measuredAt: '2026-12-08T01:00:00Z',
    loadAtStart: '0.5',
    loadAtEnd: '0.7',
    results: [{ name: `${name} row`, value, goal: '≤ 1', ok: value === 'good' }],
  });

describe('bench/results.md written a section per bench', () => {
  it('a run of some benches replaces their sections and keeps the others as an earlier run left them', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'results-')), 'results.md');
    const order = ['tick', 'ack', 'startup'];
    fs.writeFileSync(
      file,
      resultsText(
        order,
        new Map([
          ['tick', section('tick', 'good')],
          ['ack', section('ack', 'bad')],
          ['startup', `${section('startup', 'good')}\n\nA note written by hand.`],
        ]),
        new Map(),
      ),
    );

    fs.writeFileSync(file, resultsText(order, new Map([['ack', section('ack', 'good')]]), readSections(file)));

    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('| ack row | good |');
    expect(text).not.toContain('| ack row | bad |');
    expect(text).toContain('| tick row | good |');
    expect(text).toContain('A note written by hand.');
    expect([...text.matchAll(/^## (\S+)$/gm)].map((m) => m[1])).toEqual(order);
  });
});
