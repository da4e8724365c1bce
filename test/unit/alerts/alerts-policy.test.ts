import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../src/config/config.errors';
import { DEFAULT_POLICY, loadPolicy, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';

const write = (text: string): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-alerts-')), 'commander.yml');
  fs.writeFileSync(file, text);
  return file;
};

const ISSUE_EXAMPLE = `
alerts:
  sources:
    - { name: prod-alertmanager, token: "\${ALERTMANAGER_TOKEN}" }
    - { name: deploy-bot, secret: "\${GENERIC_ALERT_SECRET}" }
  defaultSeverity: SEV3
  routes:
    - { match: { severity: critical }, action: declare, severity: SEV1, commander: U0123ALICE }
    - { match: { severity: warning }, action: notify, channel: C0ALERTS }
    - { match: { alertname: Watchdog }, action: drop }
`;

const ENV = { ALERTMANAGER_TOKEN: 'am-token-0123456789abcdef', GENERIC_ALERT_SECRET: 'generic-secret-0123456789' };

describe('the alerts policy', () => {
  it('is off by default: no sources, no routes', () => {
    expect(DEFAULT_POLICY.alerts).toMatchObject({
      sources: [],
      routes: [],
      defaultSeverity: null,
      severityLabel: 'severity',
    });
  });

  it('reads the shape the issue gives, with secrets from the environment', () => {
    const policy = loadPolicy(write(ISSUE_EXAMPLE), ENV);
    expect(policy.alerts.sources).toEqual([
      { name: 'prod-alertmanager', token: ENV.ALERTMANAGER_TOKEN },
      { name: 'deploy-bot', secret: ENV.GENERIC_ALERT_SECRET },
    ]);
    expect(policy.alerts.routes.map((r) => r.action)).toEqual(['declare', 'notify', 'drop']);
    expect(policy.alerts.defaultSeverity).toBe('SEV3');
  });

  it('names the key and the variable when a secret is not in the environment', () => {
    expect(() => loadPolicy(write(ISSUE_EXAMPLE), { ALERTMANAGER_TOKEN: ENV.ALERTMANAGER_TOKEN })).toThrow(
      /alerts\.sources\.1\.secret: environment variable GENERIC_ALERT_SECRET is not set/,
    );
  });

  it('keeps $${NAME} as a literal', () => {
    const policy = loadPolicy(
      write('alerts:\n  sources:\n    - { name: x, token: "$${NOT_A_VARIABLE}-padding" }\n'),
      {},
    );
    expect(policy.alerts.sources[0]!.token).toBe('${NOT_A_VARIABLE}-padding');
  });

  const parse = (alerts: unknown, extra: Record<string, unknown> = {}) =>
    parsePolicy({ ...DEFAULT_POLICY_INPUT, ...extra, alerts });

  it('refuses severities the policy does not have, short tokens, shared credentials and a notify route without a channel', () => {
    expect(() => parse({ defaultSeverity: 'P9' })).toThrow(/alerts\.defaultSeverity: "P9" is not a severity/);
    expect(() => parse({ routes: [{ action: 'declare', severity: 'P1', commander: 'U0123ALICE' }] })).toThrow(
      /alerts\.routes\.0\.severity/,
    );
    expect(() => parse({ sources: [{ name: 'am', token: 'short' }] })).toThrow(/at least 16 characters/);
    expect(() => parse({ sources: [{ name: 'am' }] })).toThrow(/needs a token/);
    const token = 'the-same-token-0123456789';
    expect(() =>
      parse({
        sources: [
          { name: 'a', token },
          { name: 'b', token },
        ],
      }),
    ).toThrow(/must be different/);
    expect(() => parse({ routes: [{ action: 'notify' }] })).toThrow(
      /alerts\.routes\.0\.channel: a notify route needs a channel/,
    );
    expect(() => parse({ routes: [{ action: 'page' }] })).toThrow(ConfigError);
  });

  it('needs a commander on a declare route unless an on-call rotation is configured', () => {
    expect(() => parse({ routes: [{ action: 'declare' }] })).toThrow(
      /alerts\.routes\.0\.commander: is needed when no on-call rotation/,
    );
    const policy = parse(
      { routes: [{ action: 'declare' }] },
      { oncall: [{ name: 'platform', users: ['U0123ALICE'] }] },
    );
    expect(policy.alerts.routes[0]!.match).toEqual({});
  });
});

describe('commander.example.yml', () => {
  it('its commented-out alerts example is valid when uncommented', () => {
    const example = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'commander.example.yml'), 'utf8');
    const alerts = example.slice(example.indexOf('\nalerts:'));
    const uncommented = alerts
      .replace(/\n {2}# {3}- /g, '\n    - ')
      .replace(/sources: \[\]/, 'sources:')
      .replace(/routes: \[\]/, 'routes:');
    // A declare route takes the on-call primary as commander, so the example needs a rotation beside it.
    const policy = loadPolicy(write(`oncall:\n  - { name: platform, users: [U0123ALICE] }${uncommented}`), {
      ALERTMANAGER_TOKEN: 'am-token-0123456789abcdef',
      GENERIC_ALERT_SECRET: 'generic-secret-0123456789',
    });
    expect(policy.alerts.sources.map((s) => s.name)).toEqual(['prod-alertmanager', 'deploy-bot']);
    expect(policy.alerts.routes.map((r) => r.action)).toEqual(['drop', 'declare', 'notify']);
  });
});
