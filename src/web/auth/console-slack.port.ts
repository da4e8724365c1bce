/** What the console asks of Slack (src/slack/adapters/console-slack.ts answers it). */
export interface ConsoleSlackPort {
  /**
   * Exchanges a sign-in's code for its id_token (openid.connect.token); a code Slack refuses, or
   * no answer, is a SignInRefused.
   */
  exchangeCode(code: string, redirectUri: string): Promise<string>;
  /** The person's Slack time zone (users.info tz); null when Slack has none or cannot say. */
  timeZoneOf(userId: string): Promise<string | null>;
  /** The active person with this e-mail address in the workspace (users.lookupByEmail), or null. */
  userIdByEmail(email: string): Promise<string | null>;
  /**
   * The private channels the person is in, of those the app is in (users.conversations, every page):
   * a private incident's channel is one of them when the person is its member.
   */
  privateChannelsOf(userId: string): Promise<string[]>;
}

/** Why a sign-in is refused; the reason is what the person is told, one sentence. */
export class SignInRefused extends Error {
  readonly code = 'sign_in_refused';
  constructor(
    readonly reason: string,
    /** 400: the request was wrong (state, code); 403: the person may not come in. */
    readonly status: 400 | 403 = 400,
  ) {
    super(reason);
    this.name = 'SignInRefused';
  }
}
