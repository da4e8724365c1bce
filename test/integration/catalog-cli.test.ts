import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const hook = path.join(root, 'scripts', 'register-ts.js');
const cli = path.join(root, 'src', 'cli', 'catalog.ts');
// No policy in the environment: the command line must not need one, nor Slack tokens, nor a database.
const env = { ...process.env, COMMANDER_CONFIG: '', SLACK_BOT_TOKEN: '', DATABASE_PATH: '/nonexistent/commander.db' };

const PAYMENTS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  title: "Payments API: cards & refunds"
  description: Card payments and refunds
  annotations:
    backstage.io/techdocs-ref: url:https://github.com/acme/payments/tree/main/docs
    pagerduty.com/service-id: PABC123
  links:
    - url: https://grafana.example.com/d/payments
      title: Grafana dashboard
spec:
  type: service
  lifecycle: production
  owner: group:payments-team
  system: payments
  dependsOn:
    - component:default/database
    - resource:payments-bucket
`;
const DATABASE = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: database
  title: Primary database
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: group:dba
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: payments-bucket
spec:
  type: s3-bucket
  owner: group:dba
`;
const SYSTEM = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: payments
  title: Payments
spec:
  owner: group:payments-team
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-catalog-cli-'));
  fs.writeFileSync(path.join(dir, 'payments.yaml'), PAYMENTS);
  fs.writeFileSync(path.join(dir, 'database.yaml'), DATABASE);
  fs.writeFileSync(path.join(dir, 'system.yaml'), SYSTEM);
});

const catalog = (...args: string[]) =>
  run(process.execPath, ['-r', hook, cli, ...args], { env, cwd: dir }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );

/** A shell pipeline in the temp folder, `catalog` standing for the command line. */
const pipeline = (script: string) =>
  spawnSync(
    'bash',
    ['-c', `set -o pipefail; catalog() { "${process.execPath}" -r "${hook}" "${cli}" "$@"; }; ${script}`],
    {
      env,
      cwd: dir,
      encoding: 'utf8',
    },
  );

describe('npm run catalog', () => {
  it('import turns three Backstage descriptors into a services: list that check accepts', () => {
    const result = pipeline(
      'catalog import payments.yaml database.yaml system.yaml | tee services.yaml | catalog check -',
    );
    expect(result.stdout).toBe('stdin: 3 services, valid.\n');
    expect(result.status).toBe(0);
    // What import dropped is said on stderr, not guessed into the catalog.
    expect(result.stderr).toContain(
      'catalog: component:default/payments-api: dependsOn resource:payments-bucket dropped',
    );
    expect(result.stderr).toContain('backstage.io/techdocs-ref "dir:." is not a URL');
    expect(result.stderr).toContain('skipped, not a Component or System: resource:default/payments-bucket');

    const written = fs.readFileSync(path.join(dir, 'services.yaml'), 'utf8');
    expect(written).toContain(
      '# From component:default/payments-api, owned by group:default/payments-team in Backstage',
    );
    expect(YAML.parse(written)).toEqual({
      services: [
        {
          id: 'payments-api',
          name: 'Payments API: cards & refunds',
          description: 'Card payments and refunds',
          runbook: 'https://github.com/acme/payments/tree/main/docs',
          dashboard: 'https://grafana.example.com/d/payments',
          dependsOn: ['database'],
        },
        { id: 'database', name: 'Primary database' },
        { id: 'payments', name: 'Payments', dependsOn: ['payments-api'] },
      ],
    });
  }, 45_000);

  it('check stops at each invalid catalog entry with one line naming the key', async () => {
    const cases: [string, string][] = [
      ['  - { id: a, name: A, dependsOn: [b] }\n', 'services.0.dependsOn.0: names no service in the catalog ("b")'],
      ['  - { id: a, name: A, owners: "@team" }\n', 'services.0.owners: must be a user group ID'],
      ['  - { id: a, name: A }\n  - { id: a, name: Again }\n', 'services.1.id: "a" is used twice'],
      ['  - { id: a, name: A, dependsOn: [a] }\n', 'services.0.dependsOn: makes a cycle: a → a'],
    ];
    // Side by side: each process spends most of its time compiling the command line.
    const results = await Promise.all(
      cases.map(([services], i) => {
        fs.writeFileSync(path.join(dir, `bad-${i}.yaml`), `services:\n${services}`);
        return catalog('check', `bad-${i}.yaml`);
      }),
    );
    results.forEach((result, i) => {
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toMatch(new RegExp(`^catalog: bad-${i}\\.yaml: [^\\n]*\\n$`));
      expect(result.stderr).toContain(cases[i]![1]);
    });
  }, 60_000);

  it('checks oncall: names only against a policy given with --policy, and says so when none is', async () => {
    fs.writeFileSync(path.join(dir, 'oncall.yaml'), 'services:\n  - { id: a, name: A, oncall: payments-primary }\n');
    fs.writeFileSync(path.join(dir, 'commander.yaml'), 'oncall:\n  - { name: other, users: [U0ALICE] }\n');
    const alone = await catalog('check', 'oncall.yaml');
    expect(alone).toMatchObject({ code: 0, stdout: 'oncall.yaml: 1 service, valid.\n' });
    expect(alone.stderr).toContain('oncall: not checked (payments-primary)');

    expect(await catalog('check', 'oncall.yaml', '--policy', 'commander.yaml')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'catalog: oncall.yaml (with commander.yaml): services.0.oncall: names no configured rotation ("payments-primary")\n',
    });
  }, 45_000);

  it('checks a policy file the way start-up does, its catalogFile: included', async () => {
    fs.writeFileSync(path.join(dir, 'listed.yaml'), 'services:\n  - { id: a, name: A, oncall: primary }\n');
    fs.writeFileSync(
      path.join(dir, 'policy.yaml'),
      'catalogFile: listed.yaml\noncall:\n  - { name: primary, users: [U0ALICE] }\n',
    );
    expect(await catalog('check', 'policy.yaml')).toEqual({
      code: 0,
      stdout: 'policy.yaml: valid; 1 service in its catalog.\n',
      stderr: '',
    });
  }, 30_000);

  it.each([
    [['import', 'missing.yaml'], 'catalog: Cannot read missing.yaml: no such file or directory (ENOENT).\n'],
    [['frobnicate'], 'catalog: Unknown command "frobnicate": use import or check (npm run catalog -- --help).\n'],
  ])('%j: one line saying why, no stack trace', async (args, stderr) => {
    expect(await catalog(...args)).toEqual({ code: 1, stdout: '', stderr });
  });

  it('import refuses a file that is not YAML in one line naming it', async () => {
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: Component\nmetadata: [\n');
    const result = await catalog('import', 'broken.yaml');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^catalog: broken\.yaml: not valid YAML \([^\n]*\)\n$/);
  });

  it('--help shows both commands', async () => {
    const help = await catalog('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run catalog -- import FILE');
    expect(help.stdout).toContain('npm run catalog -- check [FILE|-] [--policy POLICY]');
  });
});
