import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { docsBlock } from '../support/docs-example';
import { DOCS_RULES_YAML } from '../support/rules-policy';

/** `npm run rules -- test` as a reader runs it: docs/rules.md's example, word for word. */

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const hook = path.join(root, 'scripts', 'register-ts.js');
const cli = path.join(root, 'src', 'cli', 'rules.ts');
// No Slack tokens and no database: the dry run must need neither.
const env = { ...process.env, COMMANDER_CONFIG: '', SLACK_BOT_TOKEN: '', DATABASE_PATH: '/nonexistent/commander.db' };

const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-rules-cli-')), 'commander.yml');
beforeAll(() => fs.writeFileSync(config, DOCS_RULES_YAML));

const rules = (args: string[]) => run(process.execPath, ['-r', hook, cli, ...args], { env, cwd: root });

async function refused(args: string[]): Promise<string> {
  try {
    await rules(args);
  } catch (error) {
    const failed = error as { code: number; stderr: string; stdout: string };
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    return failed.stderr;
  }
  throw new Error('the command succeeded');
}

describe('npm run rules -- test', () => {
  it('prints what docs/rules.md shows for its example: the rule, its actions and the checklists that would attach', async () => {
    const [command, ...output] = docsBlock('docs/rules.md', 'The whole configuration', 'console').split('\n');
    const args = command!.replace(/^\$ npm run rules -- /, '').split(' ');
    const { stdout, stderr } = await rules([...args, '--config', config]);
    expect(stderr).toBe('');
    expect(stdout).toBe(output.join('\n'));
    expect(stdout).toContain('checklist "Investigation" (investigate) attaches');
    expect(stdout).toContain('    - If P1/P2, notify stakeholders (comms, required)');
  }, 30_000);

  it('from SEV2 the rule fires and no checklist attaches, since a SEV2 has the major lists already', async () => {
    const { stdout } = await rules([
      'test',
      ...['--event', 'severity_changed', '--severity', 'sev1', '--from', 'SEV2', '--service', 'payments'],
      ...['--config', config],
    ]);
    expect(stdout.split('\n')).toEqual([
      'severity_changed from SEV2: a SEV1 incident on payments',
      '  rule "payments SEV1" fires:',
      '    - invite @S0PAYLEADS',
      '    - post in the channel: Bridge: https://meet.example.com/(channel)',
      '    - DM (comms): SEV1 on Payments: the status page is yours',
      '  no checklist attaches',
      '',
    ]);
  }, 30_000);

  it('a declaration lists every list it would get, each item with its owner role, required and link', async () => {
    const dir = path.dirname(config);
    const own = path.join(dir, 'own.yml');
    fs.writeFileSync(
      own,
      `${DOCS_RULES_YAML}checklists:\n  lists:\n    - id: payments\n      title: Payments\n      when: { service: payments }\n      items:\n        - { text: Check the SLO dashboard, link: "https://grafana.example.com/d/slo" }\n        - { text: Tell Customer Success, role: comms, required: true }\n`,
    );
    const { stdout } = await rules([
      'test',
      '--event',
      'declared',
      '--severity',
      'SEV3',
      '--service',
      'payments',
      '--config',
      own,
    ]);
    expect(stdout.split('\n')).toEqual([
      'declared: a SEV3 incident on payments',
      '  no rule fires',
      '  checklist "Payments" (payments) attaches:',
      '    - Check the SLO dashboard (https://grafana.example.com/d/slo)',
      '    - Tell Customer Success (comms, required)',
      '',
    ]);
  }, 30_000);

  it.each([
    [['--event', 'declared', '--from', 'SEV2'], 'rules: --from goes with --event severity_changed. Usage:'],
    [['--event', 'severity_changed', '--from', 'SEV9'], 'has no severity "SEV9".'],
    [['--event', 'declared', '--type', 'outage'], 'has no incident type "outage".'],
  ])(
    '%j is refused in one line',
    async (args, said) => {
      const stderr = await refused(['test', '--severity', 'SEV1', ...args, '--config', config]);
      expect(stderr).toContain(said);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    },
    30_000,
  );
});
