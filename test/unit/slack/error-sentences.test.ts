import fs from 'node:fs';
import path from 'node:path';
import { SETUP_STEPS } from '../../../src/incidents/declare';
import { describeProblem } from '../../../src/slack/text/error-sentences';

const domain = path.resolve(__dirname, '..', '..', '..', 'src', 'incidents');

/** Every step name the domain reports problems under: set-up steps and attempt('…') calls. */
function stepNames(): Set<string> {
  const names = new Set<string>(SETUP_STEPS);
  for (const file of fs.readdirSync(domain).filter((f) => f.endsWith('.ts'))) {
    for (const match of fs.readFileSync(path.join(domain, file), 'utf8').matchAll(/attempt\('([a-z_]+)'/g))
      names.add(match[1]!);
  }
  return names;
}

describe('problems told to people', () => {
  it('every step the domain can report has a sentence of its own', () => {
    const generic = [...stepNames()].filter((step) =>
      describeProblem({ step, code: 'x', detail: '' }).startsWith('Step "'),
    );
    expect(generic).toEqual([]);
    expect(stepNames().size).toBeGreaterThan(10);
  });
});
