import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../src/config/config.errors';
import { parseEnvironment, withDotEnv } from '../../../src/config/env';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret' };

function errorOf(env: Record<string, string | undefined>): string {
  try {
    parseEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

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
    expect(parseEnvironment({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-x' }).SLACK_APP_TOKEN).toBe('xapp-1-A-1-x');
  });

  it('adds the trailing slash Slack API URLs need', () => {
    expect(parseEnvironment({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9999/api' }).SLACK_API_URL).toBe('http://127.0.0.1:9999/api/');
  });

  it('rejects a port that is not a number and an unknown log level', () => {
    expect(errorOf({ ...valid, PORT: 'eighty' })).toMatch(/^PORT: /);
    expect(errorOf({ ...valid, LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL: must be one of/);
  });

  it('treats empty values as unset', () => {
    expect(parseEnvironment({ ...valid, PORT: '', SLACK_APP_TOKEN: '' }).PORT).toBe(3000);
  });

  it('never repeats a secret in its error messages', () => {
    expect(errorOf({ SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_SIGNING_SECRET: 's3cr3t' })).not.toContain('secret-value');
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
