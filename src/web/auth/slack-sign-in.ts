import type { Clock } from '../../clock';
import { ChatError } from '../../errors/chat-error';
import type { Store } from '../../store';
import { type Answer, redirect, sentencePage, signInLink, signOutForm } from '../answers';
import type { Reader } from '../console.types';
import type { Authenticator, Visit } from './authenticator';
import { type ConsoleSlackPort, SignInRefused } from './console-slack.port';
import { cookieValue, SESSION_COOKIE, SIGN_IN_COOKIE, setCookie } from './cookies';
import { type IdTokenCheck, signedInUser } from './id-token';
import { consolePath } from './next-path';
import { randomToken, type Sessions, sameToken } from './sessions';

/** Time to go through Slack's sign-in page and come back. */
const SIGN_IN_WITHIN_MS = 10 * 60_000;

export interface SlackSignInOptions {
  /** WEB_BASE_URL, without a trailing slash. */
  baseUrl: string;
  /** The origin of SLACK_API_URL: where Slack's authorize page and keys are. */
  slackOrigin: string;
  clientId: string;
  check: IdTokenCheck;
  slack: ConsoleSlackPort;
  sessions: Sessions;
  store: Pick<Store, 'webSessions'>;
  clock: Clock;
  readerOf: (userId: string) => Promise<Reader>;
}

/**
 * Sign in with Slack (OpenID Connect): /login sends the browser to Slack with a `state` (also in a
 * short-lived cookie, so the answer must come back to the browser that asked) and a `nonce` (which the
 * id_token must repeat); /auth/callback exchanges the code, has the id_token checked and opens a
 * session; /logout closes it, from a POST carrying the session's token only.
 */
export function slackSignIn(o: SlackSignInOptions): Authenticator {
  const secure = o.baseUrl.startsWith('https:');
  const redirectUri = `${o.baseUrl}/auth/callback`;
  const cookie = (name: string, value: string, maxAgeMs: number) => setCookie(name, value, { secure, maxAgeMs });

  async function login(visit: Visit): Promise<Answer> {
    const state = randomToken();
    const nonce = randomToken();
    await o.store.webSessions.beginSignIn({
      state,
      nonce,
      next: consolePath(visit.query.get('next')),
      expiresAt: o.clock.now() + SIGN_IN_WITHIN_MS,
    });
    const authorize = new URL('/openid/connect/authorize', o.slackOrigin);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      scope: 'openid profile email',
      client_id: o.clientId,
      state,
      nonce,
      redirect_uri: redirectUri,
      // Pre-selects Commander's workspace on Slack's page.
      team: o.check.teamId,
    }).toString();
    return redirect(authorize.toString(), { cookies: [cookie(SIGN_IN_COOKIE, state, SIGN_IN_WITHIN_MS)] });
  }

  async function callback(visit: Visit): Promise<Answer> {
    const clearSignIn = cookie(SIGN_IN_COOKIE, '', 0);
    const refused = (status: number, sentence: string): Answer => ({
      ...sentencePage(status, 'Sign-in refused', sentence, signInLink()),
      cookies: [clearSignIn],
    });
    if (visit.query.get('error'))
      return refused(403, 'Slack did not sign you in (you may have cancelled). Nothing was changed.');
    const state = visit.query.get('state');
    if (!state || !sameToken(state, cookieValue(visit.headers.cookie, SIGN_IN_COOKIE) ?? ''))
      return refused(400, 'This sign-in did not start in this browser, or it took too long. Sign in again.');
    const begun = await o.store.webSessions.takeSignIn(state, o.clock.now());
    if (!begun) return refused(400, 'This sign-in was already used or took too long. Sign in again.');
    const code = visit.query.get('code');
    if (!code) return refused(400, 'Slack sent no sign-in code. Sign in again.');
    try {
      const token = await o.slack.exchangeCode(code, redirectUri);
      const userId = await signedInUser(token, begun.nonce, o.check, o.clock.now());
      const session = await o.sessions.open(userId);
      return redirect(begun.next, { cookies: [clearSignIn, cookie(SESSION_COOKIE, session, o.sessions.sessionFor)] });
    } catch (error) {
      if (error instanceof SignInRefused) return refused(error.status, error.reason);
      if (error instanceof ChatError)
        return refused(503, 'Slack could not be reached to finish the sign-in. Sign in again in a moment.');
      throw error;
    }
  }

  async function logout(visit: Visit): Promise<Answer> {
    const session = await o.sessions.find(cookieValue(visit.headers.cookie, SESSION_COOKIE));
    if (!session) return sentencePage(200, 'Signed out', 'You are not signed in to the console.', signInLink());
    if (visit.method !== 'POST')
      return sentencePage(
        200,
        'Sign out',
        'Sign out of Commander’s console in this browser?',
        signOutForm(session.csrfToken),
      );
    const form = await visit.form();
    if (!sameToken(form?.get('csrf'), session.csrfToken))
      return sentencePage(
        403,
        'Not signed out',
        'This sign-out did not come from the console’s own page, so nothing was changed. Use the Sign out button in the console.',
      );
    await o.sessions.close(session);
    return {
      ...sentencePage(200, 'Signed out', 'You are signed out of Commander’s console in this browser.', signInLink()),
      cookies: [cookie(SESSION_COOKIE, '', 0)],
    };
  }

  return {
    async route(visit) {
      const read = visit.method === 'GET' || visit.method === 'HEAD';
      if (visit.path === '/login' && read) return login(visit);
      if (visit.path === '/auth/callback' && read) return callback(visit);
      if (visit.path === '/logout' && (read || visit.method === 'POST')) return logout(visit);
      if (visit.path === '/logout') return notAllowed('GET, HEAD, POST');
      if (visit.path === '/login' || visit.path === '/auth/callback') return notAllowed('GET, HEAD');
      return null;
    },
    async who(visit) {
      const session = await o.sessions.find(cookieValue(visit.headers.cookie, SESSION_COOKIE));
      if (session) return { reader: await o.readerOf(session.userId) };
      const here = `${visit.path}${visit.query.size > 0 ? `?${visit.query.toString()}` : ''}`;
      return { answer: redirect(`/login?next=${encodeURIComponent(here)}`) };
    },
  };
}

function notAllowed(allow: string): Answer {
  const page = sentencePage(405, 'Not allowed', `This address takes ${allow.replace(', HEAD', '')} only.`);
  return { ...page, headers: { ...page.headers, allow } };
}
