import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { answerApiCall, type ApiDeps } from './api';
import { MalformedBody, readArgs } from './body';
import { CallLog } from './call-log';
import { answerResponseUrl, answerUpload, RESPONSE_URL_USES } from './endpoints';
import { type CallMatcher, FaultBook } from './faults';
import { SocketModeSide } from './socket-mode';
import { OpenIdSide } from './openid';
import { type RateLimited, RateLimits, type RateLimitOptions } from './rate-limits';
import { listen, type HttpReply, type HttpRequest, type HttpServer } from './server';
import { Workspace } from './state';
import { userJson } from './methods/users';
import type {
  Bookmark,
  Channel,
  Ephemeral,
  Fault,
  FakeSlackOptions,
  HomeView,
  Message,
  RecordedCall,
  ResponseUrlPost,
  Upload,
  User,
  View,
} from './types';

export const DEFAULT_TOKEN = 'xoxb-test-token';
export const DEFAULT_APP_TOKEN = 'xapp-1-A0COMMANDER-1-test';

/**
 * A Slack Web API on 127.0.0.1 that a test owns: point a WebClient at `url` (`slackApiUrl`), then
 * read what the app did (calls, messages, channels, views, uploads) and make Slack misbehave with
 * fail(). Methods check arguments and Block Kit the way Slack does, so a payload Slack would refuse
 * is refused here too.
 */
export class FakeSlack {
  readonly url: string;
  readonly origin: string;

  private constructor(
    private readonly ws: Workspace,
    private readonly log: CallLog,
    private readonly faults: FaultBook,
    private readonly server: HttpServer,
    private readonly holds: Hold[],
    private readonly latency: { ms: number },
    /** Socket Mode: connections apps.connections.open handed out, envelopes and the app's acks. */
    readonly socket: SocketModeSide,
    private readonly deps: ApiDeps,
    /** Sign in with Slack: who signs in at the authorize page, the app's credentials, bad tokens on request. */
    readonly openid: OpenIdSide,
  ) {
    this.origin = server.origin;
    this.url = `${server.origin}/api/`;
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const ws = new Workspace({
      botUserId: options.botUserId ?? 'UBOTCOMMANDER',
      botId: options.botId ?? 'BCOMMANDER',
      teamId: options.teamId ?? 'T0TEAM',
      appId: options.appId ?? 'A0COMMANDER',
    });
    const log = new CallLog();
    const faults = new FaultBook();
    // The router needs the origin, which exists only once the server listens.
    const socket = await SocketModeSide.start(ws.identity.appId, options.socketMode);
    const openid = await OpenIdSide.start(ws);
    const deps: ApiDeps = {
      ws,
      log,
      faults,
      token: options.token ?? DEFAULT_TOKEN,
      appToken: options.appToken ?? DEFAULT_APP_TOKEN,
      scopes: options.scopes ?? manifestBotScopes(),
      origin: '',
      connectionsOpen: () => socket.issueUrl(),
      ...(options.rateLimits ? { rateLimits: new RateLimits(options.rateLimits) } : {}),
    };
    const holds: Hold[] = [];
    const latency = { ms: options.latencyMs ?? 0 };
    const server = await listen(async (request) => {
      const index = holds.findIndex((h) => h.matches(apiMethodOf(request), request));
      const hold = holds[index];
      if (hold) {
        holds.splice(index, 1);
        hold.arrive();
        await hold.released;
      }
      // The whole round trip at once: the work is done, and the call recorded, as the answer leaves.
      if (latency.ms > 0) await new Promise((resolve) => setTimeout(resolve, latency.ms));
      return route(deps, openid, request);
    });
    deps.origin = server.origin;
    return new FakeSlack(ws, log, faults, server, holds, latency, socket, deps, openid);
  }

  // ── What the app did ────────────────────────────────────────────────────────

  /** Every call (answered ok or not), in arrival order; only `method`'s when given. */
  calls(method?: string): RecordedCall[] {
    return this.log.list(method);
  }

  okCalls(method: string): RecordedCall[] {
    return this.log.list(method).filter((c) => c.ok);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.log.list(method).at(-1);
  }

  /** The first matching call, already made or made later; rejects after `timeoutMs` naming the methods seen. */
  waitForCall(method: string, predicate?: (c: RecordedCall) => boolean, timeoutMs = 2000): Promise<RecordedCall> {
    return this.log.waitFor(method, predicate, timeoutMs);
  }

  clearCalls(): void {
    this.log.clear();
  }

  /**
   * Keeps the next call to `method` waiting (a slow Slack) until `release()`; `arrived` resolves
   * once the app has made the call. The call is then answered as usual.
   */
  hold(
    method: string,
    predicate?: (args: Record<string, any>) => boolean,
  ): { arrived: Promise<void>; release: () => void } {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const matches = (called: string, request: HttpRequest) =>
      called === method && (predicate === undefined || predicate(argsOf(request)));
    this.holds.push({ matches, arrive, released });
    return { arrived, release };
  }

  /**
   * Answers every Web API call `ms` after it arrives, as a Slack far away would (0: at once).
   * For the bench; tests assert what was called, never how long it took.
   */
  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`fake Slack: latency must be >= 0 ms, got ${ms}`);
    this.latency.ms = ms;
  }

  /**
   * Applies Slack's rate limits from now on: conversations.create and conversations.invite at
   * Tier 2 (20 a minute), chat.postMessage at about one a second per channel (bursts of 3); a
   * call over its limit gets HTTP 429 with Retry-After and does nothing. `timeScale` speeds
   * Slack's clock up (10: a Slack minute lasts 6 s). For the bench and for tests of the limits.
   */
  limitRates(options: RateLimitOptions = {}): void {
    this.deps.rateLimits = new RateLimits(options);
  }

  /** The calls answered 429 since limitRates(), each with when the same call came again. */
  rateLimited(): RateLimited[] {
    return [...(this.deps.rateLimits?.refused ?? [])];
  }

  /** Calls made again before the Retry-After of the 429 they got had passed: each one is a violation. */
  earlyRetries(): RateLimited[] {
    return this.deps.rateLimits?.earlyRetries() ?? [];
  }

  /** The next `times` calls to `method` get `fault` instead of an answer (recorded with ok:false). */
  fail(method: string, fault: Fault, times = 1, when?: CallMatcher): void {
    this.faults.add(method, fault, times, when);
  }

  // ── Workspace state ────────────────────────────────────────────────────────

  /** Changes the bot token's scopes, as reinstalling the app with another manifest would. */
  setScopes(scopes: string[]): void {
    this.deps.scopes = [...scopes];
  }

  /** The bot token's scopes now. */
  scopes(): string[] {
    return [...this.deps.scopes];
  }

  addUser(user: User): void {
    this.ws.addUser(user);
  }

  /** A user group (S…) and its members, as a workspace admin would have made it. */
  addUsergroup(id: string, users: string[], options: { disabled?: boolean } = {}): void {
    this.ws.usergroups.set(id, { users: [...users], disabled: options.disabled ?? false });
  }

  user(id: string): User | undefined {
    return this.ws.users.get(id);
  }

  /** A person's account as users.info and the user_change and team_join events show it. */
  userJson(id: string): Record<string, unknown> {
    const user = this.ws.users.get(id);
    if (!user) throw new Error(`fake Slack has no user ${id}`);
    return userJson(this.ws, user);
  }

  /** The bot is a member unless `members` is given without it. */
  addChannel(channel: {
    id?: string;
    name: string;
    is_private?: boolean;
    members?: string[];
    is_archived?: boolean;
  }): Channel {
    return this.ws.addChannel(channel);
  }

  channel(idOrName: string): Channel | undefined {
    return this.ws.findChannel(idOrName);
  }

  /** Top-level messages and thread replies in post order, as chat.update left them. */
  messages(channelId: string): Message[] {
    return this.ws.messages(channelId);
  }

  /** A message someone (not the app) posted, e.g. one a test then runs a message shortcut on; `ts` to date it. */
  addMessage(message: {
    channel: string;
    user: string;
    text: string;
    blocks?: any[];
    thread_ts?: string;
    ts?: string;
  }): Message {
    if (!this.ws.findChannel(message.channel)) throw new Error(`fake Slack has no channel ${message.channel}`);
    return this.ws.post(message);
  }

  /** Someone edits their message, as in Slack's client; returns it before and after. */
  editMessage(channelId: string, ts: string, text: string): { before: Message; after: Message } {
    const message = this.ws.findMessage(channelId, ts);
    if (!message) throw new Error(`fake Slack has no message ${ts} in ${channelId}`);
    const before = { ...message };
    message.text = text;
    message.edited = true;
    return { before, after: { ...message } };
  }

  /** Someone deletes their message, as in Slack's client; returns what it was. */
  deleteMessage(channelId: string, ts: string): Message {
    const message = this.ws.findMessage(channelId, ts);
    if (!message) throw new Error(`fake Slack has no message ${ts} in ${channelId}`);
    this.ws.removeMessage(message);
    return message;
  }

  ephemerals(channelId?: string): Ephemeral[] {
    return this.ws.ephemerals.filter((e) => channelId === undefined || e.channel === channelId);
  }

  bookmarks(channelId: string): Bookmark[] {
    return [...(this.ws.bookmarks.get(channelId) ?? [])];
  }

  /** A trigger_id views.open/views.push accept once; `userId` is who the modal is for. */
  newTriggerId(userId?: string): string {
    return this.ws.newTriggerId(userId);
  }

  /** Makes a trigger_id answer `expired_trigger_id`, as Slack does after 3 seconds. */
  expireTrigger(triggerId: string): void {
    const trigger = this.ws.triggers.get(triggerId);
    if (!trigger) throw new Error(`fake Slack never issued trigger ${triggerId}`);
    trigger.state = 'expired';
  }

  /** An absolute URL on this server that takes five POSTs, like a Slack response_url. */
  newResponseUrl(): string {
    const url = `${this.origin}/response/${this.ws.ids.count('response')}`;
    this.ws.responseUrls.set(url, RESPONSE_URL_USES);
    return url;
  }

  responses(url?: string): ResponseUrlPost[] {
    return this.ws.responses.filter((r) => url === undefined || r.url === url);
  }

  /** Modals opened or pushed, each in its current state (after views.update). */
  views(): View[] {
    return [...this.ws.views.values()];
  }

  /** The view last published to a person's Home tab. */
  homeViews(userId: string): any | undefined {
    return this.ws.homes.get(userId)?.view;
  }

  /** The published Home tab with its id and hash, as Slack sends it back in payloads. */
  home(userId: string): HomeView | undefined {
    return this.ws.homes.get(userId);
  }

  /** The app's DM with a person (the Messages tab of its App Home), opened once. */
  dmWith(userId: string): string {
    return this.ws.openConversation([userId]).id;
  }

  uploads(): Upload[] {
    return [...this.ws.uploads.values()];
  }

  async stop(): Promise<void> {
    this.log.abandonWaiters('fake Slack stopped while a test was waiting for a call');
    await this.socket.stop();
    await this.server.close();
  }
}

interface Hold {
  matches: (method: string, request: HttpRequest) => boolean;
  arrive: () => void;
  released: Promise<void>;
}

/** An app installed from manifest.yml has exactly the bot scopes it lists. */
function manifestBotScopes(): string[] {
  const manifest = YAML.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'manifest.yml'), 'utf8'));
  return manifest.oauth_config.scopes.bot as string[];
}

/** A call's arguments for a hold to choose by; a body the fake would refuse matches nothing but the method. */
function argsOf(request: HttpRequest): Record<string, any> {
  try {
    return readArgs(request.headers['content-type'], request.body, request.url.searchParams);
  } catch (error) {
    if (error instanceof MalformedBody) return {};
    throw error;
  }
}

const apiMethodOf = (request: HttpRequest): string =>
  request.url.pathname.startsWith('/api/') ? decodeURIComponent(request.url.pathname.slice('/api/'.length)) : '';

async function route(deps: ApiDeps, openid: OpenIdSide, request: HttpRequest): Promise<HttpReply> {
  const path = request.url.pathname;
  if (path === '/openid/connect/authorize' && request.method === 'GET') return openid.authorize(request);
  if (path === '/openid/connect/keys' && request.method === 'GET') return openid.keys();
  // Authenticated by the app's client id and secret, not a token; signing is asynchronous.
  if (path === '/api/openid.connect.token') return answerTokenCall(deps, openid, request);
  if (path.startsWith('/api/')) {
    const reply = answerApiCall(deps, decodeURIComponent(path.slice('/api/'.length)), request);
    return 'drop' in reply
      ? reply
      : { ...reply, headers: { 'x-oauth-scopes': deps.scopes.join(','), ...reply.headers } };
  }
  if (path.startsWith('/upload/')) return answerUpload(deps.ws, path.slice('/upload/'.length), request);
  if (path.startsWith('/response/')) return answerResponseUrl(deps.ws, request);
  return { status: 404, json: { ok: false, error: 'not_found' } };
}

async function answerTokenCall(deps: ApiDeps, openid: OpenIdSide, request: HttpRequest): Promise<HttpReply> {
  let args: Record<string, unknown>;
  try {
    args = readArgs(request.headers['content-type'], request.body, request.url.searchParams);
  } catch (error) {
    if (!(error instanceof MalformedBody)) throw error;
    return { status: 200, json: { ok: false, error: 'invalid_json' } };
  }
  const body = await openid.token(args, deps.origin);
  const { client_secret: _secret, ...recorded } = args;
  deps.log.record({
    method: 'openid.connect.token',
    args: recorded,
    token: undefined,
    at: performance.now(),
    ok: body.ok === true,
    ...(body.ok === true ? {} : { error: String(body.error) }),
    response: body,
  });
  return { status: 200, json: body };
}
