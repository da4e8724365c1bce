import { StartupError } from '../../errors/startup-error';
import { slackErrorCode } from '../adapters/slack-errors';

const TOKEN_REFUSALS = ['invalid_auth', 'not_authed', 'not_allowed_token_type', 'account_inactive', 'token_revoked'];

/** The sentence an operator gets when Socket Mode cannot connect at start-up. */
export function socketStartupError(error: unknown, slackApiUrl: string | undefined): StartupError {
  const code = slackErrorCode(error) ?? 'closed before hello';
  if (TOKEN_REFUSALS.includes(code)) {
    return new StartupError(
      `Slack rejected SLACK_APP_TOKEN (${code}). Use an App-Level Token (xapp-…) with the connections:write scope from Basic Information in your Slack app.`,
    );
  }
  const reason = code === 'slack_webapi_request_error' ? 'network error' : code;
  return new StartupError(`Could not open a Socket Mode connection through ${slackApiUrl} (${reason}).`);
}
