import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../src/config/config.errors';
import { loadPolicy, parseCatalog, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';

const ROTATION = { name: 'payments-primary', users: ['U0ALICE', 'U0BOB'] };
const PAYMENTS = {
  id: 'payments',
  name: 'Payments API',
  description: 'Card payments and refunds',
  owners: 'S0PAYMENTS',
  oncall: 'payments-primary',
  channel: 'C0PAYMENTS',
  runbook: 'https://wiki.example.com/runbooks/payments',
  dashboard: 'https://grafana.example.com/d/payments',
  tier: 1,
  dependsOn: ['database'],
  public: { name: 'Payments', group: 'Core services' },
};
const DATABASE = { id: 'database', name: 'Primary database' };

const withCatalog = (services: unknown[], extra: Record<string, unknown> = {}) =>
  parsePolicy({ ...DEFAULT_POLICY_INPUT, oncall: [ROTATION], services, ...extra });

/** The one line start-up would print. */
function refusal(services: unknown[]): string {
  try {
    withCatalog(services);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the catalog was accepted');
}

describe('the service catalog in the policy', () => {
  it('reads a service as the issue writes it, with defaults for what is left out', () => {
    const { services } = withCatalog([PAYMENTS, DATABASE]);
    expect(services[0]).toEqual({
      id: 'payments',
      name: 'Payments API',
      description: 'Card payments and refunds',
      owners: { usergroup: 'S0PAYMENTS', users: [] },
      oncall: 'payments-primary',
      channel: 'C0PAYMENTS',
      runbook: 'https://wiki.example.com/runbooks/payments',
      dashboard: 'https://grafana.example.com/d/payments',
      tier: 1,
      dependsOn: ['database'],
      public: { name: 'Payments', group: 'Core services' },
    });
    expect(services[1]).toMatchObject({
      owners: { usergroup: null, users: [] },
      oncall: null,
      public: null,
      tier: null,
    });
  });

  it('has no services unless given', () => {
    expect(parsePolicy(DEFAULT_POLICY_INPUT).services).toEqual([]);
  });

  it.each([
    [
      'an unknown rotation',
      [{ ...PAYMENTS, oncall: 'nobody' }, DATABASE],
      'services.0.oncall: names no configured rotation ("nobody")',
    ],
    [
      'a dependency naming no service',
      [PAYMENTS],
      'services.0.dependsOn.0: names no service in the catalog ("database")',
    ],
    [
      'a user group that is not an S… id',
      [{ ...PAYMENTS, owners: '@payments-team' }, DATABASE],
      'services.0.owners: must be a user group ID',
    ],
    ['a duplicate id', [PAYMENTS, DATABASE, { ...DATABASE, name: 'Again' }], 'services.2.id: "database" is used twice'],
    [
      'a cycle in dependsOn',
      [PAYMENTS, { ...DATABASE, dependsOn: ['payments'] }],
      'services.0.dependsOn: makes a cycle: payments → database → payments',
    ],
    ['an id with capitals', [{ ...DATABASE, id: 'Database' }], 'services.0.id: must be 1-40 lower-case letters'],
    ['a runbook that is no URL', [{ ...DATABASE, runbook: 'wiki/payments' }], 'services.0.runbook: must be a URL'],
  ])('stops start-up with one line naming the key for %s', (_what, services, message) => {
    const line = refusal(services);
    expect(line).toContain(message);
    expect(line).not.toContain('\n');
  });

  it('reads the catalog from the file catalogFile names, relative to the policy file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    fs.writeFileSync(
      path.join(dir, 'commander.yaml'),
      'catalogFile: catalog.yaml\noncall:\n  - name: payments-primary\n    users: [U0ALICE]\n',
    );
    fs.writeFileSync(
      path.join(dir, 'catalog.yaml'),
      'services:\n  - id: payments\n    name: Payments API\n    oncall: payments-primary\n',
    );
    expect(loadPolicy(path.join(dir, 'commander.yaml')).services.map((s) => s.name)).toEqual(['Payments API']);
  });

  it('refuses services in both the policy and catalogFile, and a catalogFile it cannot read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    fs.writeFileSync(path.join(dir, 'both.yaml'), 'catalogFile: catalog.yaml\nservices: []\n');
    expect(() => loadPolicy(path.join(dir, 'both.yaml'))).toThrow('not both');
    fs.writeFileSync(path.join(dir, 'missing.yaml'), 'catalogFile: nowhere.yaml\n');
    expect(() => loadPolicy(path.join(dir, 'missing.yaml'))).toThrow(/catalogFile: cannot read .*nowhere\.yaml/);
  });

  it('checks a catalog file alone by the same rules, its rotations only when a policy names them', () => {
    const services = [{ ...PAYMENTS, oncall: 'nobody' }, DATABASE];
    expect(parseCatalog(services, 'catalog.yaml', null).map((s) => s.id)).toEqual(['payments', 'database']);
    expect(() => parseCatalog(services, 'catalog.yaml', ['payments-primary'])).toThrow(
      'catalog.yaml: services.0.oncall: names no configured rotation ("nobody")',
    );
    expect(() => parseCatalog([{ ...DATABASE, id: 'Database' }], 'catalog.yaml', null)).toThrow(
      'catalog.yaml: services.0.id: must be 1-40 lower-case letters',
    );
  });

  it('checks services given from elsewhere inside a policy file, in place of its own', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    const policy = path.join(dir, 'commander.yaml');
    fs.writeFileSync(policy, 'catalogFile: nowhere.yaml\noncall:\n  - name: payments-primary\n    users: [U0ALICE]\n');
    const instead = { services: [PAYMENTS, DATABASE], source: 'catalog.yaml' };
    expect(loadPolicy(policy, {}, instead).services.map((s) => s.id)).toEqual(['payments', 'database']);
    expect(() => loadPolicy(policy, {}, { ...instead, services: [{ ...PAYMENTS, oncall: 'nobody' }] })).toThrow(
      /^catalog\.yaml \(with .*commander\.yaml\): services\.0\.oncall: names no configured rotation/,
    );
  });
});
