import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ENV_VARIABLES } from '../../../src/config/env';
import { DEFAULT_POLICY } from '../../../src/config/policy';
import { SUBCOMMANDS } from '../../../src/slack/listeners/commands';

const root = path.resolve(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const manifest = YAML.parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The text of the section under a heading, up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = readme.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const level = heading.match(/^#+/)![0].length;
  const rest = readme.slice(start + heading.length + 1);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** First-column cells of each Markdown table in a text, one array per table (a blank line ends a table). */
function tables(text: string): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (!current) {
      current = [];
      found.push(current);
    }
    current.push(line.split('|')[1]!.trim());
  }
  // Drop each table's header and its --- row.
  return found.map((rows) => rows.slice(2));
}

const code = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('README', () => {
  it.each(SUBCOMMANDS.map((s) => [s.usage]))('documents %s', (usage) => {
    expect(readme).toContain(`\`${usage}\``);
  });

  it('has one row per subcommand in the command table, and no other', () => {
    const [commands] = tables(section('## Commands'));
    const named = commands!.map((cell) => code(cell).at(-1)!.split(' ')[1]);
    expect(named.sort()).toEqual(SUBCOMMANDS.map((s) => s.name).sort());
  });

  it('lists exactly the environment variables the code reads', () => {
    const [variables] = tables(section('### Environment'));
    expect(variables!.flatMap(code).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('lists every policy key in one unbroken table, and no key the code does not know', () => {
    const policyTables = tables(section('### Incident policy (`COMMANDER_CONFIG`)'));
    // The first table is the keys; a blank line inside it would split it in two.
    const keys = policyTables[0]!.flatMap(code);
    const expected = Object.keys(DEFAULT_POLICY).flatMap((key) =>
      key === 'reminders' ? Object.keys(DEFAULT_POLICY.reminders).map((r) => `reminders.${r}`) : [key],
    );
    expect(keys.sort()).toEqual(expected.sort());
  });

  it('names every folder of src/ in the layout', () => {
    const layout = section('## Development');
    const folders = fs
      .readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (const folder of folders) expect(layout).toMatch(new RegExp(`^  ${folder}/ `, 'm'));
  });

  it('documents every command-line tool package.json runs, with its --help', () => {
    const tools = Object.entries(pkg.scripts as Record<string, string>)
      .filter(([, command]) => command.includes('dist/cli/'))
      .map(([name]) => name);
    expect(tools.length).toBeGreaterThan(2);
    for (const tool of tools) expect(readme).toContain(`npm run ${tool} -- --help`);
  });

  it('states the Node version package.json requires', () => {
    const version = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)![1];
    expect(readme).toContain(`Node.js ${version} or newer`);
  });

  it('gives exactly the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });

  it('names every folder of src/ in its layout, with what it owns', () => {
    const src = path.resolve(__dirname, '..', '..', '..', 'src');
    const folders = fs
      .readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const layout = readme.slice(readme.indexOf('## Development'));
    expect(folders.filter((folder) => !new RegExp(`^  ${folder}/ +\\S`, 'm').test(layout))).toEqual([]);
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
