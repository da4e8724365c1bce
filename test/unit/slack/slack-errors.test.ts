import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { ChatError, errorCode, isTransient, nextAttemptAt } from '../../../src/errors/chat-error';
import { IncidentError } from '../../../src/incidents/incidents.errors';
import { StorageError } from '../../../src/errors/storage-error';
import { slackPort, toChatError } from '../../../src/slack/adapters/slack-errors';

const webApi = (code: string, extra: object = {}) => Object.assign(new Error(code), { code, ...extra });

describe('Web API failures as the domain sees them', () => {
  it('are ChatErrors: trouble on Slack’s side may pass, a refusal will not, and Retry-After is kept', () => {
    const refused = toChatError(
      webApi('slack_webapi_platform_error', { data: { ok: false, error: 'user_not_found' } }),
    );
    expect(refused).toBeInstanceOf(ChatError);
    expect(refused).toMatchObject({ code: 'user_not_found', transient: false, retryAfter: null });
    expect(toChatError(webApi('slack_webapi_http_error'))).toMatchObject({ transient: true });
    expect(toChatError(webApi('slack_webapi_request_error'))).toMatchObject({ transient: true });
    expect(toChatError(webApi('slack_webapi_rate_limited_error', { retryAfter: 30 }))).toMatchObject({
      transient: true,
      retryAfter: 30_000,
    });
  });

  it('leave errors that are not Slack’s alone', () => {
    const domain = new IncidentError('incident_not_found', 'Incident #9 does not exist.');
    expect(toChatError(domain)).toBe(domain);
    expect(isTransient(webApi('slack_webapi_http_error'))).toBe(false);
    expect(errorCode(new Error('boom'))).toBe('unexpected_error');
  });

  it('reach the domain through every method of a port', async () => {
    const port = slackPort({ archive: async () => Promise.reject(webApi('slack_webapi_http_error')) });
    const failure = await port.archive().catch((error: unknown) => error);
    expect(isTransient(failure)).toBe(true);
    expect(errorCode(failure)).toBe('slack_webapi_http_error');
  });

  it('pass a StorageError through a port as it is: the database’s trouble is not told as Slack’s', async () => {
    const down = new StorageError('storage_unavailable', true, '57P01');
    const port = slackPort({ record: async () => Promise.reject(down) });
    await expect(port.record()).rejects.toBe(down);
  });
});

describe('a rate limit’s Retry-After', () => {
  /** A Slack that rate-limits every call, asking to wait `seconds`. */
  async function rateLimitingSlack(seconds: number) {
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(429, { 'retry-after': String(seconds), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
    return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('reaches the domain from the client that waits 429s out, once it gives up (its error names the wait)', async () => {
    const slack = await rateLimitingSlack(1);
    try {
      const client = new WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
      const failure = toChatError(await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e) => e));
      expect(failure).toBeInstanceOf(ChatError);
      expect(failure).toMatchObject({ code: 'slack_webapi_rate_limited_error', transient: true, retryAfter: 1_000 });
    } finally {
      await slack.close();
    }
  });

  it('puts the next attempt off at least as long as Slack asked', () => {
    const limited = toChatError(webApi('slack_webapi_rate_limited_error', { retryAfter: 120 }));
    expect(nextAttemptAt(limited, 1_000, 30_000)).toBe(121_000);
    expect(nextAttemptAt(limited, 1_000, 300_000)).toBe(301_000);
    expect(nextAttemptAt(toChatError(webApi('slack_webapi_http_error')), 1_000, 30_000)).toBe(31_000);
  });
});
