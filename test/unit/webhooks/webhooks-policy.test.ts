import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../src/config/config.errors';
import { DEFAULT_POLICY, loadPolicy, parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';

const write = (text: string): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-webhooks-')), 'commander.yml');
  fs.writeFileSync(file, text);
  return file;
};

const ISSUE_EXAMPLE = `
webhooks:
  - { url: "https://status.example.com/hooks/commander", secret: "\${WEBHOOK_SECRET}",
      events: [incident.declared, incident.updated, incident.resolved], private: false }
  - { url: "https://security.example.com/in", secret: "security-secret-0123456789", private: true }
`;

const parse = (webhooks: unknown) => () => parsePolicy({ ...DEFAULT_POLICY_INPUT, webhooks });

describe('the webhooks policy', () => {
  it('is off by default: no receivers', () => {
    expect(DEFAULT_POLICY.webhooks).toEqual([]);
  });

  it('reads the shape the issue gives, with the secret from the environment and defaults filled in', () => {
    const policy = loadPolicy(write(ISSUE_EXAMPLE), { WEBHOOK_SECRET: 'status-secret-0123456789' });
    expect(policy.webhooks).toEqual([
      {
        url: 'https://status.example.com/hooks/commander',
        secret: 'status-secret-0123456789',
        events: ['incident.declared', 'incident.updated', 'incident.resolved'],
        private: false,
        timeout: 10_000,
        giveUpAfter: 86_400_000,
      },
      {
        url: 'https://security.example.com/in',
        secret: 'security-secret-0123456789',
        private: true,
        timeout: 10_000,
        giveUpAfter: 86_400_000,
      },
    ]);
  });

  it('names the key and the variable when the secret is not in the environment', () => {
    expect(() => loadPolicy(write(ISSUE_EXAMPLE), {})).toThrow(
      /webhooks\.0\.secret: environment variable WEBHOOK_SECRET is not set/,
    );
  });

  it.each([
    [[{ url: 'ftp://x.example.com', secret: 'a-long-secret-0123456789' }], /webhooks\.0\.url: must be an http/],
    [[{ url: 'not a url', secret: 'a-long-secret-0123456789' }], /webhooks\.0\.url: must be an http/],
    [[{ url: 'https://x.example.com', secret: 'short' }], /webhooks\.0\.secret: must be at least 16 characters/],
    [[{ url: 'https://x.example.com' }], /webhooks\.0\.secret/],
    [
      [{ url: 'https://x.example.com', secret: 'a-long-secret-0123456789', events: ['incident.deleted'] }],
      /webhooks\.0\.events\.0: must be one of incident\.declared, /,
    ],
    [
      [{ url: 'https://x.example.com', secret: 'a-long-secret-0123456789', giveUpAfter: 'a day' }],
      /webhooks\.0\.giveUpAfter: "a day" is not a duration/,
    ],
    [
      [{ url: 'https://x.example.com', secret: 'a-long-secret-0123456789', privat: true }],
      /webhooks\.0: Unrecognized key: "privat"/,
    ],
    [
      [
        { url: 'https://x.example.com', secret: 'a-long-secret-0123456789' },
        { url: 'https://x.example.com', secret: 'another-secret-0123456789' },
      ],
      /webhooks: urls must be unique/,
    ],
  ])('refuses %j with a sentence naming the key', (webhooks, message) => {
    expect(parse(webhooks)).toThrow(ConfigError);
    expect(parse(webhooks)).toThrow(message);
  });

  it("takes a URL's user:password out of it and sends them as Basic auth (fetch refuses such a URL)", () => {
    const { webhooks } = parsePolicy({
      ...DEFAULT_POLICY_INPUT,
      webhooks: [{ url: 'https://hooks:p%40ss%3Aw0rd@x.example.com/in?x=1', secret: 'a-long-secret-0123456789' }],
    });
    expect(webhooks[0]).toMatchObject({
      url: 'https://x.example.com/in?x=1',
      authorization: `Basic ${Buffer.from('hooks:p@ss:w0rd').toString('base64')}`,
    });
    // A URL without them is kept as written, and sends no Authorization.
    expect(parse([{ url: 'https://x.example.com', secret: 'a-long-secret-0123456789' }])().webhooks[0]).toEqual(
      expect.not.objectContaining({ authorization: expect.anything() }),
    );
  });

  it.each([
    [
      'https://hooks:s3cret%zz@x.example.com/in',
      /^[^:]+: webhooks\.0\.url: its user name or password is not valid percent-encoding/,
    ],
    ['https://ho%3Aoks:s3cret@x.example.com/in', /webhooks\.0\.url: its user name cannot contain a colon/],
  ])('refuses credentials in %s it could not send, naming the key and never the password', (url, message) => {
    const run = parse([{ url, secret: 'a-long-secret-0123456789' }]);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
    expect(run).not.toThrow(/s3cret/);
  });
});

describe('commander.example.yml', () => {
  it('its commented-out webhooks example is valid when uncommented', () => {
    const example = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'commander.example.yml'), 'utf8');
    const webhooks = example.slice(example.indexOf('\nwebhooks:'));
    const uncommented = webhooks.replace(/\n# {3}- /g, '\n  - ').replace(/webhooks: \[\]/, 'webhooks:');
    const policy = loadPolicy(write(uncommented), {
      WEBHOOK_SECRET: 'status-secret-0123456789',
      SECURITY_WEBHOOK_SECRET: 'security-secret-0123456789',
    });
    expect(policy.webhooks.map((w) => [w.events?.length ?? 'all', w.private])).toEqual([
      [3, false],
      ['all', true],
    ]);
  });
});
