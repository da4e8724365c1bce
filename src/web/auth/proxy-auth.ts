import { z } from 'zod';
import type { Clock } from '../../clock';
import { redirect, sentencePage } from '../answers';
import type { Reader } from '../console.types';
import type { Authenticator } from './authenticator';
import { briefCache } from './brief-cache';
import type { ConsoleSlackPort } from './console-slack.port';
import { consolePath } from './next-path';

/** How long an e-mail address's Slack account is believed before users.lookupByEmail is asked again. */
const ACCOUNT_FOR_MS = 10 * 60_000;

const Email = z.email().max(254);

/**
 * WEB_AUTH=proxy: an authenticating proxy (oauth2-proxy and the like) signed the person in and names
 * them in a header (WEB_PROXY_HEADER); the console believes the header only on connections from
 * WEB_TRUSTED_PROXIES and refuses every other connection, header or not, so no one can go around the
 * proxy. The e-mail address is matched to a Slack account (users.lookupByEmail). There is no session:
 * the proxy vouches for every request.
 */
export function proxyAuth(o: {
  header: string;
  trusted: readonly string[];
  slack: Pick<ConsoleSlackPort, 'userIdByEmail'>;
  clock: Clock;
  readerOf: (userId: string) => Promise<Reader>;
}): Authenticator {
  const trusted = new Set(o.trusted.map(plainAddress));
  const header = o.header.toLowerCase();
  const accounts = briefCache<string | null>(o.clock, ACCOUNT_FOR_MS);
  const refused = (status: number, sentence: string) => ({
    answer: sentencePage(status, 'Not signed in', sentence),
  });
  return {
    async route(visit) {
      // The proxy signs people in and out; the console's own sign-in only goes on to the page.
      if (visit.path === '/login') return redirect(consolePath(visit.query.get('next')));
      return null;
    },
    async who(visit) {
      if (!trusted.has(plainAddress(visit.remoteAddress)))
        return refused(403, 'This console is reached through its sign-in proxy only. Open it at its usual address.');
      const said = visit.headers[header];
      if (!said) return refused(403, `The sign-in proxy did not say who you are (no ${o.header} header).`);
      const email = Email.safeParse(said.trim().toLowerCase());
      if (!email.success) return refused(400, `The sign-in proxy sent ${o.header} without an e-mail address in it.`);
      const userId = await accounts(email.data, () => o.slack.userIdByEmail(email.data));
      if (!userId)
        return refused(
          403,
          `No one in Commander’s Slack workspace has the e-mail address ${email.data}, so the console cannot tell who you are.`,
        );
      return { reader: await o.readerOf(userId) };
    },
  };
}

/** `::ffff:10.0.0.5` (an IPv4 connection on a dual-stack socket) is 10.0.0.5. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
