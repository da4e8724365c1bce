import { parsePolicy, type Policy } from '../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../src/config/policy.defaults';
import { slackText } from '../../src/slack/text/slack-text';
import type { Tx } from '../../src/store';
import type { Reader, WebResponse } from '../../src/web/console.types';
import { createConsolePages } from '../../src/web/pages/console-pages';
import { createTimelineChanges } from '../../src/web/pages/timeline-changes';
import { plainEntryLine } from '../../src/postmortem/entry-text';
import { createRecorder } from '../../src/timeline/record';
import type { ManualClock } from './manual-clock';

export const ADMIN = 'UADMIN';

export const consolePolicy = (extra: Record<string, unknown> = {}): Policy =>
  parsePolicy({ ...DEFAULT_POLICY_INPUT, timezone: 'UTC', admins: [ADMIN], ...extra });

/**
 * The console's pages over a store, as the server would call them, with channel members given here
 * (channel id → user ids) in place of Slack's users.conversations.
 */
export function consolePages(store: Tx, policy: Policy, clock: ManualClock, members: Record<string, string[]> = {}) {
  const timelineChanges = createTimelineChanges();
  // Wired to the pages as the composition root wires the app's: its writes reach open event streams.
  const recorder = createRecorder({
    line: plainEntryLine(slackText),
    observers: [timelineChanges.observe],
    changeObservers: [timelineChanges.observeChange],
  });
  const pages = createConsolePages({
    store,
    policy,
    clock,
    chat: slackText,
    privateChannels: async (userId) =>
      new Set(Object.keys(members).filter((channelId) => members[channelId]?.includes(userId))),
    timelineChanges,
    teamId: 'T0001',
  });
  return {
    recorder,
    /** GET `url` as `userId`; the response (404 from the server for a path the pages do not know). */
    async get(url: string, userId: string, o: { timeZone?: string | null; headers?: Record<string, string> } = {}) {
      const parsed = new URL(url, 'http://console.test');
      const reader: Reader = { userId, timeZone: o.timeZone ?? null };
      const response = await pages.handle(
        { method: 'GET', path: parsed.pathname, query: parsed.searchParams, headers: o.headers ?? {} },
        reader,
      );
      return response ?? ({ status: 404, headers: {}, body: 'no page' } satisfies WebResponse);
    },
  };
}

export const text = (response: WebResponse): string =>
  typeof response.body === 'string' ? response.body : response.body.toString('utf8');

/** A CSV's rows as strings (the console writes no quoted cells for these figures). */
export const csvRows = (response: WebResponse): string[][] =>
  text(response)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
