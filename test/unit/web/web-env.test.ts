import { parseEnvironment } from '../../../src/config/env';
import { environmentErrorOf as errorOf } from '../../support/environment-errors';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret' };
const console = {
  ...valid,
  WEB_PORT: '8090',
  WEB_BASE_URL: 'https://commander.acme.test/',
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'abc123',
};

describe('the web console in the environment', () => {
  it('is off without WEB_PORT, and then needs none of its settings', () => {
    const env = parseEnvironment(valid);
    expect(env.WEB_PORT).toBeUndefined();
    expect(env.WEB_AUTH).toBe('slack');
  });

  it('with WEB_PORT, keeps the base URL without its trailing slash and signs in with Slack by default', () => {
    expect(parseEnvironment(console)).toMatchObject({
      WEB_PORT: 8090,
      WEB_BASE_URL: 'https://commander.acme.test',
      WEB_AUTH: 'slack',
      WEB_PROXY_HEADER: 'X-Forwarded-Email',
    });
  });

  it('names what WEB_PORT needs and where to find it', () => {
    const message = errorOf({ ...valid, WEB_PORT: '8090' });
    expect(message).toContain('WEB_BASE_URL: is required when WEB_PORT is set');
    expect(message).toContain('SLACK_CLIENT_ID: is required when WEB_PORT is set');
    expect(message).toContain('SLACK_CLIENT_SECRET: is required when WEB_PORT is set');
    expect(message).toContain('App Credentials');
  });

  it('refuses a port another server of Commander already has', () => {
    expect(errorOf({ ...console, WEB_PORT: '3000' })).toContain('WEB_PORT: is 3000, the same as PORT');
    expect(errorOf({ ...console, STATUS_PORT: '8090' })).toContain('WEB_PORT: is 8090, the same as STATUS_PORT');
  });

  it('refuses a base URL that is not an address people could open', () => {
    expect(errorOf({ ...console, WEB_BASE_URL: 'commander.acme.test' })).toContain('WEB_BASE_URL: must be the http(s)');
    expect(errorOf({ ...console, WEB_BASE_URL: 'https://a:b@commander.acme.test' })).toContain(
      'must not contain a user name or password',
    );
    expect(errorOf({ ...console, WEB_BASE_URL: 'https://commander.acme.test/?x=1' })).toContain('without a query');
  });

  it('in proxy mode needs the trusted addresses instead of the client credentials', () => {
    const proxy = { ...valid, WEB_PORT: '8090', WEB_BASE_URL: 'https://c.acme.test', WEB_AUTH: 'proxy' };
    expect(errorOf(proxy)).toMatch(/^WEB_TRUSTED_PROXIES: is required when WEB_AUTH=proxy/);
    expect(errorOf({ ...proxy, WEB_TRUSTED_PROXIES: '10.0.0.5, proxy.local' })).toContain(
      'not an address: proxy.local',
    );
    expect(parseEnvironment({ ...proxy, WEB_TRUSTED_PROXIES: '10.0.0.5, ::1' }).WEB_TRUSTED_PROXIES).toEqual([
      '10.0.0.5',
      '::1',
    ]);
    expect(errorOf({ ...proxy, WEB_AUTH: 'basic' })).toContain('WEB_AUTH: must be slack (Sign in with Slack) or proxy');
  });
});
