import fs from 'node:fs';
import path from 'node:path';
import { SUBCOMMANDS } from '../../../src/slack/listeners/commands';

const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it.each(SUBCOMMANDS.map((s) => [s.usage]))('documents %s', (usage) => {
    expect(readme).toContain(`\`${usage}\``);
  });

  it('gives exactly the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
