import { ChatError, errorCode, isTransient } from '../../../src/chat-error';
import { IncidentError } from '../../../src/incidents/incidents.errors';
import { StorageError } from '../../../src/storage-error';
import { slackPort, toChatError } from '../../../src/slack/slack-errors';

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
