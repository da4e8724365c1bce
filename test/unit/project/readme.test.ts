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

  it('names every folder of src/ in its layout, with what it owns', () => {
    const src = path.resolve(__dirname, '..', '..', '..', 'src');
    const folders = fs.readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const layout = readme.slice(readme.indexOf('## Development'));
    expect(folders.filter((folder) => !new RegExp(`^  ${folder}/ +\\S`, 'm').test(layout))).toEqual([]);
  });
});
