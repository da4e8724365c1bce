import { validateBlocks, validateView, type RecordedCall } from '../support/fake-slack';
import type { Harness } from '../support/harness';
import type { SignedResponse } from '../support/signed-request';

/** Ids and a link that appear only in hostile input, so any live one in output came from it. */
export const EVIL = {
  user: 'UEVIL00001',
  channel: 'CEVIL00001',
  group: 'SEVIL00001',
  url: 'https://evil.example/x',
} as const;

/**
 * Markup that would ping or link if it came out live: broadcast mentions, a user group, and the
 * user, channel and link that only hostile input names. Escaped forms (`&lt;!channel&gt;`) are inert.
 */
const LIVE = /<(?:!channel|!here|!everyone|!subteam|@UEVIL|#CEVIL|https?:\/\/evil|mailto:)/;
/** Half an emoji: what cutting text in the middle of a surrogate pair leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bidi overrides and isolates from user text would reverse the text Commander writes after them. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** What a person must never see: an unexpected-error reference, or internals. */
const INTERNALS = /Something went wrong \(reference|\bat .+\.[jt]s:\d+|TypeError|SyntaxError|SQLITE_/;

/** Where the audit starts: calls and response_url posts made before this are not looked at. */
export interface Mark {
  calls: number;
  responses: number;
}

export const mark = (h: Harness): Mark => ({ calls: h.fake.calls().length, responses: h.fake.responses().length });

/** The mrkdwn strings in a JSON value: `{type: 'mrkdwn', text}` objects and markdown blocks. */
function mrkdwnIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => mrkdwnIn(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'markdown') && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) mrkdwnIn(v, out);
  }
  return out;
}

/** Every string in a JSON value, for the checks that hold for plain text too. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, out));
  return out;
}

/** Fields Slack renders as mrkdwn (mentions included) outside Block Kit. */
const MRKDWN_ARGS = ['text', 'initial_comment', 'topic', 'purpose'];

function mrkdwnOfCall(call: RecordedCall): string[] {
  const top = MRKDWN_ARGS.map((k) => call.args[k]).filter((v): v is string => typeof v === 'string');
  return [...top, ...mrkdwnIn(call.args.blocks), ...mrkdwnIn(call.args.view)];
}

/** Problems with one message or view body as the app sent it, Slack's way of seeing them. */
function bodyProblems(where: string, body: any): string[] {
  if (!body || typeof body !== 'object') return [];
  const problems: string[] = [];
  if (Array.isArray(body.blocks)) problems.push(...validateBlocks(body.blocks, 'message').map((p) => `${where}: ${p}`));
  if (body.view) problems.push(...validateView(body.view).map((p) => `${where}: ${p}`));
  if (typeof body.text === 'string' && body.text.length > 4000)
    problems.push(`${where}: text of ${body.text.length} characters`);
  return problems;
}

function textProblems(where: string, mrkdwn: string[], all: string[]): string[] {
  const problems: string[] = [];
  for (const text of mrkdwn) {
    const live = LIVE.exec(text);
    if (live) problems.push(`${where}: live markup ${JSON.stringify(text.slice(live.index, live.index + 40))}`);
  }
  for (const text of all) {
    if (LONE_SURROGATE.test(text))
      problems.push(`${where}: a split surrogate pair in ${JSON.stringify(text.slice(-20))}`);
    if (BIDI_CONTROL.test(text)) problems.push(`${where}: a bidi override in ${JSON.stringify(text.slice(0, 60))}`);
    if (CONTROL.test(text)) problems.push(`${where}: a control character in ${JSON.stringify(text.slice(0, 60))}`);
    if (INTERNALS.test(text)) problems.push(`${where}: ${JSON.stringify(text.slice(0, 120))}`);
  }
  return problems;
}

/**
 * Everything wrong with what the app sent since `from`: Web API calls the fake refused or warned
 * about, and in those calls, the acknowledgements given and the response_url posts: invalid Block
 * Kit, over-long text, live mentions from user text, split emoji, bidi overrides, control
 * characters, and error internals. `expectedErrors` are refusals a test caused on purpose.
 */
export function problemsSince(
  h: Harness,
  from: Mark,
  acks: SignedResponse[] = [],
  expectedErrors: string[] = [],
): string[] {
  const problems: string[] = [];
  const calls = h.fake.calls().slice(from.calls);
  calls.forEach((call, i) => {
    const where = `${call.method} #${i}`;
    if (!call.ok && !expectedErrors.includes(call.error ?? ''))
      problems.push(
        `${where} refused: ${call.error} ${JSON.stringify(call.response?.errors ?? call.response?.response_metadata ?? '')}`,
      );
    for (const warning of call.response?.response_metadata?.messages ?? [])
      problems.push(`${where} warned: ${warning}`);
    problems.push(...textProblems(where, mrkdwnOfCall(call), stringsIn(call.args)));
  });
  acks.forEach((ack, i) => {
    const where = `ack #${i}`;
    if (ack.status !== 200) problems.push(`${where}: HTTP ${ack.status} ${ack.text.slice(0, 200)}`);
    const body = ack.json;
    problems.push(...bodyProblems(where, body));
    if (body)
      problems.push(
        ...textProblems(
          where,
          [...(typeof body.text === 'string' ? [body.text] : []), ...mrkdwnIn(body.blocks), ...mrkdwnIn(body.view)],
          stringsIn(body),
        ),
      );
  });
  h.fake
    .responses()
    .slice(from.responses)
    .forEach((post, i) => {
      const where = `response_url #${i}`;
      if (post.error) problems.push(`${where} refused: ${post.error}`);
      problems.push(...bodyProblems(where, post.body));
      problems.push(
        ...textProblems(
          where,
          [...(typeof post.body?.text === 'string' ? [post.body.text] : []), ...mrkdwnIn(post.body?.blocks)],
          stringsIn(post.body),
        ),
      );
    });
  return problems;
}
