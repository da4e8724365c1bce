import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ENV_VARIABLES } from '../../../src/config/env';
import { DEFAULT_POLICY } from '../../../src/config/policy';
import { NO_ROTATION_TEXT } from '../../../src/slack/blocks/oncall-message';
import { SUBCOMMANDS } from '../../../src/slack/listeners/commands';
import { codeIn as code, section, tables } from '../../support/markdown';

const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
/** The reference the README links to, one page per subject. */
const docs = fs
  .readdirSync(path.join(root, 'docs'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => read(path.join('docs', file)));
const configuration = read('docs/configuration.md');
const layout = read('docs/source-layout.md');
const manifest = YAML.parse(read('manifest.yml'));
const pkg = JSON.parse(read('package.json'));

describe('README', () => {
  it.each(SUBCOMMANDS.map((s) => [s.usage]))('documents %s', (usage) => {
    expect(readme).toContain(`\`${usage}\``);
  });

  it('has one row per subcommand in the command table, and no other', () => {
    const [commands] = tables(section(readme, '## Commands', 'README'));
    const named = commands!.map((cell) => code(cell).at(-1)!.split(' ')[1]);
    expect(named.sort()).toEqual(SUBCOMMANDS.map((s) => s.name).sort());
  });

  it('names, among the variables a newcomer needs, only ones the code reads', () => {
    const [variables] = tables(section(readme, '### 2. Configure', 'README'));
    expect(variables!.length).toBeGreaterThan(2);
    expect(variables!.flatMap(code).filter((name) => !ENV_VARIABLES.includes(name))).toEqual([]);
  });

  it('documents every command-line tool package.json runs, with its --help, in the README or docs/', () => {
    const tools = Object.entries(pkg.scripts as Record<string, string>)
      .filter(([, command]) => command.includes('dist/cli/'))
      .map(([name]) => name);
    expect(tools.length).toBeGreaterThan(2);
    const documented = [readme, ...docs].join('\n');
    for (const tool of tools) expect(documented).toContain(`npm run ${tool} -- --help`);
  });

  it('states the Node version package.json requires', () => {
    const version = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)![1];
    expect(readme).toContain(`Node.js ${version} or newer`);
  });

  it('gives exactly the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });

  it('says how to run the quick unit loop and the bench', () => {
    expect(readme).toContain('npm run test:unit');
    expect(readme).toContain('npm run bench');
  });
});

describe('docs/configuration.md', () => {
  it('lists exactly the environment variables the code reads', () => {
    const [variables] = tables(section(configuration, '## Environment', 'docs/configuration.md'));
    expect(variables!.flatMap(code).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('lists every policy key in one unbroken table, and no key the code does not know', () => {
    const policyTables = tables(
      section(configuration, '## Incident policy (`COMMANDER_CONFIG`)', 'docs/configuration.md'),
    );
    // The first table is the keys; a blank line inside it would split it in two.
    const keys = policyTables[0]!.flatMap(code);
    const expected = Object.keys(DEFAULT_POLICY).flatMap((key) =>
      key === 'reminders' ? Object.keys(DEFAULT_POLICY.reminders).map((r) => `reminders.${r}`) : [key],
    );
    // Read by loadPolicy before the policy is parsed: it names where `services` come from.
    expected.push('catalogFile');
    expect(keys.sort()).toEqual(expected.sort());
  });
});

describe('docs/source-layout.md', () => {
  it('names every folder of src/ in the layout', () => {
    const folders = fs
      .readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (const folder of folders) expect(layout).toMatch(new RegExp(`^  ${folder}/ `, 'm'));
  });

  it('names every folder of src/ in its layout, with what it owns', () => {
    const src = path.resolve(__dirname, '..', '..', '..', 'src');
    const folders = fs
      .readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((folder) => !new RegExp(`^  ${folder}/ +\\S`, 'm').test(layout))).toEqual([]);
  });
});

describe('the hint /incident oncall gives when no rotation is set', () => {
  it('points at a document that shows an `oncall` example', () => {
    const doc = /\bdocs\/[\w-]+\.md\b/.exec(NO_ROTATION_TEXT)?.[0];
    expect(doc).toBeDefined();
    expect(read(doc!)).toMatch(/^oncall:\n {2}- name: /m);
  });
});

describe("manifest.yml's usage hint", () => {
  it('lists every subcommand, and no other', () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    const named = hint
      .replace(/^\[|\]$/g, '')
      .split('|')
      .map((part) => part.trim().split(' ')[0]);
    expect(named.sort()).toEqual(SUBCOMMANDS.map((s) => s.name).sort());
  });
});
