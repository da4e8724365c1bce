import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv as parseDotEnv } from 'node:util';
import { describeMode, describeStore, parseEnvironment, withDotEnv } from '../../../src/config/env';
import { environmentErrorOf as errorOf } from '../../support/environment-errors';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret' };

describe('parseEnvironment', () => {
  it('fills in the documented defaults', () => {
    const env = parseEnvironment(valid);
    expect(env).toMatchObject({
      SLACK_API_URL: 'https://slack.com/api/',
      PORT: 3000,
      DATABASE_PATH: './data/commander.db',
      LOG_LEVEL: 'info',
    });
    expect(env.SLACK_APP_TOKEN).toBeUndefined();
  });

  it('names a missing bot token in one line', () => {
    const message = errorOf({ SLACK_SIGNING_SECRET: 'x' });
    expect(message).toMatch(/^SLACK_BOT_TOKEN: is required/);
    expect(message).not.toContain('\n');
  });

  it('refuses a user token where the bot token belongs', () => {
    expect(errorOf({ ...valid, SLACK_BOT_TOKEN: 'xoxp-123' })).toMatch(/SLACK_BOT_TOKEN: must be a bot token/);
  });

  it('needs the signing secret in HTTP mode but not in Socket Mode', () => {
    expect(errorOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/SLACK_SIGNING_SECRET: is required in HTTP mode/);
    expect(parseEnvironment({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-x' }).SLACK_APP_TOKEN).toBe(
      'xapp-1-A-1-x',
    );
  });

  it('adds the trailing slash Slack API URLs need', () => {
    expect(parseEnvironment({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9999/api' }).SLACK_API_URL).toBe(
      'http://127.0.0.1:9999/api/',
    );
  });

  it('rejects a port that is not a number and an unknown log level', () => {
    expect(errorOf({ ...valid, PORT: 'eighty' })).toMatch(/^PORT: /);
    expect(errorOf({ ...valid, LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL: must be one of/);
  });

  it('refuses METRICS_PORT equal to PORT with a sentence naming both, but lets both be 0 (any free port)', () => {
    expect(errorOf({ ...valid, PORT: '3000', METRICS_PORT: '3000' })).toBe(
      'METRICS_PORT: is 3000, the same as PORT: /metrics needs a port of its own (for example 9100), so that it is not served where Slack and alert senders reach the app',
    );
    expect(errorOf({ ...valid, METRICS_PORT: '3000' })).toMatch(/^METRICS_PORT: is 3000, the same as PORT/);
    expect(parseEnvironment({ ...valid, PORT: '0', METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
  });

  it('takes METRICS_HOST as an address or host name, and listens on all interfaces without it', () => {
    expect(parseEnvironment({ ...valid, METRICS_PORT: '9100' }).METRICS_HOST).toBeUndefined();
    for (const host of ['127.0.0.1', '::1', 'localhost'])
      expect(parseEnvironment({ ...valid, METRICS_PORT: '9100', METRICS_HOST: host }).METRICS_HOST).toBe(host);
    expect(errorOf({ ...valid, METRICS_HOST: 'http://127.0.0.1:9100' })).toBe(
      'METRICS_HOST: must be an address or host name of this machine, such as 127.0.0.1',
    );
  });

  it('treats empty values as unset', () => {
    expect(parseEnvironment({ ...valid, PORT: '', SLACK_APP_TOKEN: '' }).PORT).toBe(3000);
  });

  it('selects PostgreSQL with DATABASE_URL and says which store is in use without the password', () => {
    const url = 'postgres://commander:hunter2@db.internal:5432/commander';
    const env = parseEnvironment({ ...valid, DATABASE_URL: url });
    expect(env.DATABASE_URL).toBe(url);
    expect(describeStore(env)).toBe('PostgreSQL at db.internal:5432/commander (DATABASE_URL is set)');
    expect(describeStore(parseEnvironment(valid))).toBe('SQLite at ./data/commander.db (DATABASE_URL is not set)');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, and does not repeat it', () => {
    const message = errorOf({ ...valid, DATABASE_URL: 'mysql://root:hunter2@db/commander' });
    expect(message).toMatch(/^DATABASE_URL: must be a PostgreSQL URL such as postgres:\/\//);
    expect(message).not.toContain('hunter2');
  });

  it('never repeats a secret in its error messages', () => {
    expect(errorOf({ SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_SIGNING_SECRET: 's3cr3t' })).not.toContain(
      'secret-value',
    );
  });
});

describe('first-run traps', () => {
  const example = parseDotEnv(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '.env.example'), 'utf8'));
  const filled = Object.entries(example).filter(([, value]) => value !== '');

  it('.env.example holds placeholders for the tokens', () => {
    expect(filled.map(([key]) => key).sort()).toEqual(['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN']);
  });

  it.each(filled)('the example value of %s is refused with a sentence naming it', (key, value) => {
    const message = errorOf({ ...valid, SLACK_APP_TOKEN: 'xapp-1-A1-1-abc', [key]: value });
    expect(message).toMatch(new RegExp(`^${key}: still holds the example value from \\.env\\.example; put in `));
  });

  it('a copied .env.example with only the bot token and signing secret filled in does not silently switch to Socket Mode', () => {
    expect(errorOf({ ...example, ...valid })).toMatch(/^SLACK_APP_TOKEN: still holds the example value/);
  });

  it('a swapped bot and app token get one sentence saying so', () => {
    expect(errorOf({ SLACK_BOT_TOKEN: 'xapp-1-A1-1-abc', SLACK_APP_TOKEN: 'xoxb-1-2-abc' })).toBe(
      'SLACK_BOT_TOKEN: and SLACK_APP_TOKEN are swapped: the bot token starts with xoxb-, the app-level token with xapp-',
    );
  });

  it('an app token where the bot token belongs, or the other way round, says where each goes', () => {
    expect(errorOf({ SLACK_BOT_TOKEN: 'xapp-1-A1-1-abc', SLACK_SIGNING_SECRET: 's' })).toMatch(
      /^SLACK_BOT_TOKEN: is an app-level token \(xapp-…\); it goes in SLACK_APP_TOKEN/,
    );
    expect(errorOf({ ...valid, SLACK_APP_TOKEN: 'xoxb-1-2-abc' })).toMatch(
      /^SLACK_APP_TOKEN: is a bot token \(xoxb-…\)/,
    );
  });

  it('says which mode runs and why', () => {
    expect(describeMode(parseEnvironment(valid))).toBe('HTTP mode (SLACK_APP_TOKEN is not set)');
    expect(describeMode(parseEnvironment({ ...valid, SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' }))).toBe(
      'Socket Mode (SLACK_APP_TOKEN is set)',
    );
  });

  it('refuses a Slack API URL with a password in it, without repeating the password', () => {
    const message = errorOf({ ...valid, SLACK_API_URL: 'https://proxy-user:hunter2@slack.example.com/api/' });
    expect(message).toBe('SLACK_API_URL: must not contain a user name or password');
  });
});

describe('withDotEnv', () => {
  it('reads .env but lets real environment variables win', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-env-'));
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'SLACK_BOT_TOKEN=xoxb-from-file\nPORT=4000\n# comment\nLOG_LEVEL="debug"\n');
    const merged = withDotEnv({ PORT: '5000' }, file);
    expect(merged).toMatchObject({ SLACK_BOT_TOKEN: 'xoxb-from-file', PORT: '5000', LOG_LEVEL: 'debug' });
  });

  it('is a no-op without a .env file', () => {
    expect(withDotEnv({ PORT: '1' }, '/nonexistent/.env')).toEqual({ PORT: '1' });
  });
});
