import { errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import { SignInRefused } from './console-slack.port';

/** The claims of Slack's id_token the console reads (outward-formats: Sign in with Slack). */
const SlackClaims = z.object({
  nonce: z.string(),
  'https://slack.com/user_id': z.string().regex(/^[UW][A-Z0-9]+$/),
  'https://slack.com/team_id': z.string().regex(/^T[A-Z0-9]+$/),
});

export interface IdTokenCheck {
  /** Slack's published keys (createRemoteJWKSet on `<origin>/openid/connect/keys`). */
  keys: JWTVerifyGetKey;
  /** `https://slack.com`, or the origin of SLACK_API_URL where Slack is elsewhere. */
  issuer: string;
  clientId: string;
  /** The workspace Commander is installed in. */
  teamId: string;
}

/** Slack's clock and ours may differ a little; a token is short-lived anyway. */
const CLOCK_TOLERANCE_S = 30;

/**
 * Who Slack says signed in, once jose has checked the id_token: RS256 with one of Slack's keys, the
 * issuer, our client id as audience, not expired, the nonce this sign-in sent, and Commander's
 * workspace. Anything else is a SignInRefused with a sentence, never the library's message.
 */
export async function signedInUser(token: string, nonce: string, check: IdTokenCheck, now: number): Promise<string> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, check.keys, {
      algorithms: ['RS256'],
      issuer: check.issuer,
      audience: check.clientId,
      currentDate: new Date(now),
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    throw refusal(error);
  }
  const claims = SlackClaims.safeParse(payload);
  if (!claims.success) throw new SignInRefused('Slack’s answer did not say who signed in. Sign in again.');
  if (claims.data.nonce !== nonce)
    throw new SignInRefused('This sign-in does not belong to this browser. Sign in again.');
  if (claims.data['https://slack.com/team_id'] !== check.teamId)
    throw new SignInRefused(
      'You signed in to another Slack workspace. Commander’s console is open only to members of the workspace it is installed in: sign in to that one.',
      403,
    );
  return claims.data['https://slack.com/user_id'];
}

function refusal(error: unknown): SignInRefused {
  if (error instanceof errors.JWTExpired) return new SignInRefused('This sign-in has expired. Sign in again.');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new SignInRefused(
      error.claim === 'aud'
        ? 'This sign-in was made for another app, not for Commander. Sign in again.'
        : `Slack’s answer failed a check (${error.claim}). Sign in again.`,
    );
  if (error instanceof errors.JOSEError)
    return new SignInRefused('Slack’s answer could not be verified with Slack’s keys. Sign in again.');
  return new SignInRefused('Slack’s keys could not be read to verify the sign-in. Try again in a moment.');
}
