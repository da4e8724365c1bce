import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import type { HttpReply, HttpRequest } from './server';
import type { Workspace } from './state';

/** A way the next id_token is wrong, for the app to refuse. */
export type BadToken = 'wrong_audience' | 'expired' | 'other_team' | 'bad_signature' | 'wrong_nonce' | 'wrong_issuer';

/** Who Slack's authorize page signs in (the person at the browser). */
export interface SignInAs {
  userId: string;
  /** The workspace they pick on Slack's page (default: the fake's own). */
  teamId?: string;
}

interface Grant {
  userId: string;
  teamId: string;
  clientId: string;
  redirectUri: string;
  nonce: string | undefined;
}

export const DEFAULT_CLIENT_ID = '1111111111.2222222222';
export const DEFAULT_CLIENT_SECRET = 'fake-client-secret-0123456789';

/** Slack's id_tokens live for an hour. */
const TOKEN_FOR_S = 3_600;

/**
 * Sign in with Slack, as Slack does it (outward-formats: Sign in with Slack): the authorize page
 * (`GET /openid/connect/authorize`, which signs `signInAs` in at once and redirects back with a code
 * and the state), `openid.connect.token` (client id, secret, code and redirect URL checked; an
 * RS256 id_token), and the keys (`GET /openid/connect/keys`). `issueBad` makes the next id_token wrong.
 */
export class OpenIdSide {
  clientId = DEFAULT_CLIENT_ID;
  clientSecret = DEFAULT_CLIENT_SECRET;
  /** The person at the browser; null: they cancel on Slack's page (error=access_denied). */
  signInAs: SignInAs | null = null;
  /** The redirect URLs the app's settings list; empty: any http(s) URL. */
  redirectUrls: string[] = [];
  /** Slack's clock, in ms (tests give it theirs). */
  now: () => number = Date.now;
  /** The authorize requests' query strings, in arrival order. */
  readonly authorizations: URLSearchParams[] = [];
  private readonly bad: BadToken[] = [];
  private readonly grants = new Map<string, Grant>();

  private constructor(
    private readonly ws: Workspace,
    private readonly key: { private: KeyLike; jwk: Record<string, unknown> },
    private readonly otherKey: KeyLike,
  ) {}

  static async start(ws: Workspace): Promise<OpenIdSide> {
    const [pair, other] = await Promise.all([
      generateKeyPair('RS256', { extractable: true }),
      generateKeyPair('RS256', { extractable: true }),
    ]);
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'fake-slack-1', alg: 'RS256', use: 'sig' };
    return new OpenIdSide(ws, { private: pair.privateKey, jwk }, other.privateKey);
  }

  /** The next id_token is wrong this way (then they are right again). */
  issueBad(kind: BadToken): void {
    this.bad.push(kind);
  }

  authorize(request: HttpRequest): HttpReply {
    const q = request.url.searchParams;
    this.authorizations.push(new URLSearchParams(q));
    // Slack shows an error page of its own for a request it cannot send back.
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== this.clientId) return { status: 400, text: 'invalid_client_id' };
    if (!this.redirectAllowed(redirectUri)) return { status: 400, text: 'bad_redirect_uri' };
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const scopes = (q.get('scope') ?? '').split(/[\s,]+/);
    if (q.get('response_type') !== 'code' || !scopes.includes('openid')) {
      back.searchParams.set('error', 'invalid_scope');
    } else if (!this.signInAs) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = `fake-code-${randomBytes(12).toString('hex')}`;
      this.grants.set(code, {
        userId: this.signInAs.userId,
        teamId: this.signInAs.teamId ?? this.ws.identity.teamId,
        clientId: this.clientId,
        redirectUri,
        nonce: q.get('nonce') ?? undefined,
      });
      back.searchParams.set('code', code);
    }
    return { status: 302, text: '', headers: { location: back.toString() } };
  }

  keys(): HttpReply {
    return { status: 200, json: { keys: [this.key.jwk] } };
  }

  /** openid.connect.token's answer: Slack's error codes, or the tokens. A code works once. */
  async token(args: Record<string, unknown>, origin: string): Promise<Record<string, unknown>> {
    if (args.client_id !== this.clientId) return { ok: false, error: 'invalid_client_id' };
    if (args.client_secret !== this.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const grant = typeof args.code === 'string' ? this.grants.get(args.code) : undefined;
    if (!grant) return { ok: false, error: 'invalid_code' };
    this.grants.delete(args.code as string);
    if (args.redirect_uri !== grant.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    return {
      ok: true,
      access_token: `xoxp-fake-${randomBytes(8).toString('hex')}`,
      token_type: 'Bearer',
      id_token: await this.idToken(grant, origin, this.bad.shift()),
    };
  }

  private async idToken(grant: Grant, origin: string, bad: BadToken | undefined): Promise<string> {
    const now = Math.floor(this.now() / 1000);
    const iat = bad === 'expired' ? now - 2 * TOKEN_FOR_S : now;
    const user = this.ws.users.get(grant.userId);
    return new SignJWT({
      ...(grant.nonce !== undefined ? { nonce: bad === 'wrong_nonce' ? 'another-nonce' : grant.nonce } : {}),
      auth_time: iat,
      'https://slack.com/user_id': grant.userId,
      'https://slack.com/team_id': bad === 'other_team' ? 'T0ELSEWHERE' : grant.teamId,
      email: user?.email ?? `${grant.userId.toLowerCase()}@example.test`,
      email_verified: true,
      name: user?.real_name ?? grant.userId,
      locale: 'en-US',
      'https://slack.com/team_name': 'Fake Team',
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.jwk.kid as string, typ: 'JWT' })
      .setIssuer(bad === 'wrong_issuer' ? 'https://evil.example.test' : origin)
      .setSubject(grant.userId)
      .setAudience(bad === 'wrong_audience' ? '9999999999.8888888888' : grant.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_FOR_S)
      .sign(bad === 'bad_signature' ? this.otherKey : this.key.private);
  }

  private redirectAllowed(uri: string): boolean {
    if (!/^https?:\/\//.test(uri)) return false;
    return this.redirectUrls.length === 0 || this.redirectUrls.includes(uri);
  }
}
