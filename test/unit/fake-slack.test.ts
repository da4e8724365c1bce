import { LogLevel, WebClient, type Logger, type WebClientOptions } from '@slack/web-api';
import { channelNameError, FakeSlack, validateBlocks, validateView } from '../support/fake-slack';

const TOKEN = 'xoxb-test-token';

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let fake: FakeSlack;
let slack: WebClient;

function client(options: WebClientOptions = {}, token = TOKEN): WebClient {
  return new WebClient(token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silent, ...options });
}

/** The Slack error a call failed with, or a failure if it succeeded. */
async function slackError(call: Promise<unknown>): Promise<any> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal',
  callback_id: 'declare_incident',
  title: { type: 'plain_text', text: 'Declare an incident' },
  submit: { type: 'plain_text', text: 'Declare' },
  blocks: [
    {
      type: 'input',
      block_id: 'title',
      label: { type: 'plain_text', text: 'Title' },
      element: { type: 'plain_text_input', action_id: 'value' },
    },
  ],
  ...overrides,
});

beforeEach(async () => {
  fake = await FakeSlack.start();
  fake.addUser({ id: 'UALICE0001', name: 'alice', tz: 'Europe/London' });
  fake.addUser({ id: 'UBOB000002', name: 'bob' });
  slack = client();
});
afterEach(() => fake.stop());

describe('channels', () => {
  it('creates a channel with the bot as a member and records the call', async () => {
    const result = await slack.conversations.create({ name: 'inc-1-checkout-errors' });

    expect(result.channel).toMatchObject({ name: 'inc-1-checkout-errors', is_private: false, is_member: true });
    expect(result.channel?.id).toMatch(/^C[A-Z0-9]{10}$/);
    const channel = fake.channel(result.channel!.id!)!;
    expect([...channel.members]).toEqual(['UBOTCOMMANDER']);
    expect(fake.okCalls('conversations.create')[0]?.args).toEqual({ name: 'inc-1-checkout-errors' });
  });

  it('refuses upper-case names, and names taken by a live or an archived channel', async () => {
    expect((await slackError(slack.conversations.create({ name: 'Inc-1' }))).data.error).toBe('invalid_name_specials');

    await slack.conversations.create({ name: 'inc-1' });
    expect((await slackError(slack.conversations.create({ name: 'inc-1' }))).data.error).toBe('name_taken');

    const old = await slack.conversations.create({ name: 'inc-2' });
    await slack.conversations.archive({ channel: old.channel!.id! });
    expect((await slackError(slack.conversations.create({ name: 'inc-2' }))).data.error).toBe('name_taken');
    expect(fake.calls('conversations.create').map((c) => c.error)).toEqual([
      'invalid_name_specials',
      undefined,
      'name_taken',
      undefined,
      'name_taken',
    ]);
  });

  it('invites only known people, and with force invites the valid ones despite errors', async () => {
    const { channel } = await slack.conversations.create({ name: 'inc-3' });
    const id = channel!.id!;

    const refused = await slackError(slack.conversations.invite({ channel: id, users: 'UALICE0001,UNOBODY001' }));
    expect(refused.data).toMatchObject({
      error: 'user_not_found',
      errors: [{ user: 'UNOBODY001', ok: false, error: 'user_not_found' }],
    });
    expect(fake.channel(id)!.members.has('UALICE0001')).toBe(false);

    await slack.conversations.invite({ channel: id, users: 'UALICE0001,UNOBODY001', force: true });
    expect(fake.channel(id)!.members.has('UALICE0001')).toBe(true);
    expect((await slackError(slack.conversations.invite({ channel: id, users: 'UALICE0001' }))).data.error).toBe(
      'already_in_channel',
    );
    expect((await slackError(slack.conversations.invite({ channel: id, users: 'UBOTCOMMANDER' }))).data.error).toBe(
      'cant_invite_self',
    );
  });

  it('keeps a topic of 250 characters and refuses 251', async () => {
    const { channel } = await slack.conversations.create({ name: 'inc-4' });
    await slack.conversations.setTopic({ channel: channel!.id!, topic: 't'.repeat(250) });
    expect(fake.channel('inc-4')?.topic).toHaveLength(250);
    expect(
      (await slackError(slack.conversations.setTopic({ channel: channel!.id!, topic: 't'.repeat(251) }))).data.error,
    ).toBe('too_long');
  });
});

describe('messages', () => {
  beforeEach(() => {
    fake.addChannel({ id: 'CGENERAL', name: 'general' });
  });

  it('stores posts, thread replies and edits in order', async () => {
    const parent = await slack.chat.postMessage({ channel: 'CGENERAL', text: 'first' });
    const reply = await slack.chat.postMessage({ channel: 'CGENERAL', text: 'reply', thread_ts: parent.ts! });
    await slack.chat.update({
      channel: 'CGENERAL',
      ts: parent.ts!,
      text: 'first, edited',
      blocks: [section('edited')],
    });

    const [first, second] = fake.messages('CGENERAL');
    expect(first).toMatchObject({
      ts: parent.ts,
      text: 'first, edited',
      edited: true,
      user: 'UBOTCOMMANDER',
      blocks: [section('edited')],
    });
    expect(second).toMatchObject({ ts: reply.ts, thread_ts: parent.ts });
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    expect(parent.ts).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('posting to a person lands in the DM conversations.open gives for them', async () => {
    await slack.chat.postMessage({ channel: 'UALICE0001', text: 'Reminder' });
    const opened = await slack.conversations.open({ users: 'UALICE0001' });

    expect(opened.channel?.id).toMatch(/^D[A-Z0-9]{10}$/);
    expect(fake.messages(opened.channel!.id!).map((m) => m.text)).toEqual(['Reminder']);
  });

  it('refuses a message with 51 blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    const error = await slackError(slack.chat.postMessage({ channel: 'CGENERAL', text: 'too long', blocks }));

    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.response_metadata.messages).toContain(
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    );
    expect(fake.messages('CGENERAL')).toHaveLength(0);
  });

  it('accepts text over 4,000 characters with a warning, and refuses it over 40,000', async () => {
    const long = await slack.chat.postMessage({ channel: 'CGENERAL', text: 'x'.repeat(4001) });
    expect(long.response_metadata?.messages).toEqual(['[WARN] text over 4000 characters (4001) [json-pointer:/text]']);
    expect(
      (await slackError(slack.chat.postMessage({ channel: 'CGENERAL', text: 'x'.repeat(40_001) }))).data.error,
    ).toBe('msg_too_long');
    expect(fake.messages('CGENERAL')).toHaveLength(1);
  });

  it('refuses section text of 3001 characters, saying where', async () => {
    const error = await slackError(
      slack.chat.postMessage({ channel: 'CGENERAL', text: 'x', blocks: [section('x'.repeat(3001))] }),
    );

    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.response_metadata.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('refuses posting to a private channel the bot is not in, and to an archived one', async () => {
    fake.addChannel({ id: 'CSECRET001', name: 'secret', is_private: true, members: ['UALICE0001'] });
    fake.addChannel({ id: 'COLD000001', name: 'old', is_archived: true });
    expect((await slackError(slack.chat.postMessage({ channel: 'CSECRET001', text: 'hi' }))).data.error).toBe(
      'not_in_channel',
    );
    expect((await slackError(slack.chat.postMessage({ channel: 'COLD000001', text: 'hi' }))).data.error).toBe(
      'is_archived',
    );
    expect((await slackError(slack.chat.postMessage({ channel: 'CNOWHERE01', text: 'hi' }))).data.error).toBe(
      'channel_not_found',
    );
  });

  it('pins a message once', async () => {
    const { ts } = await slack.chat.postMessage({ channel: 'CGENERAL', text: 'kick-off' });
    await slack.pins.add({ channel: 'CGENERAL', timestamp: ts! });
    expect(fake.channel('CGENERAL')?.pins.has(ts!)).toBe(true);
    expect((await slackError(slack.pins.add({ channel: 'CGENERAL', timestamp: ts! }))).data.error).toBe(
      'already_pinned',
    );
  });
});

describe('message metadata', () => {
  const metadata = { event_type: 'commander_post', event_payload: { incident_id: 1, step: 'kickoff' } };

  it('chat.postMessage keeps it, and conversations.history shows it only with include_all_metadata', async () => {
    const channel = fake.addChannel({ name: 'ops' });
    await slack.chat.postMessage({ channel: channel.id, text: 'first' });
    await slack.chat.postMessage({ channel: channel.id, text: 'second', metadata });
    const plain = await slack.conversations.history({ channel: channel.id });
    expect(plain.messages?.map((m) => [m.text, m.metadata])).toEqual([
      ['second', undefined],
      ['first', undefined],
    ]);
    const withMetadata = await slack.conversations.history({
      channel: channel.id,
      include_all_metadata: true,
      limit: 1,
    });
    expect(withMetadata.messages?.map((m) => m.metadata)).toEqual([metadata]);
    expect(withMetadata.has_more).toBe(true);
  });

  it.each([
    ['a string', 'kickoff', 'invalid_metadata_format'],
    ['no event_type', { event_payload: {} }, 'invalid_metadata_schema'],
    ['a payload that is not an object', { event_type: 'x', event_payload: 'y' }, 'invalid_metadata_schema'],
  ])('is refused when it is %s', async (_name, bad, code) => {
    const channel = fake.addChannel({ name: 'ops' });
    const error = await slackError(slack.chat.postMessage({ channel: channel.id, text: 'x', metadata: bad as never }));
    expect(error.data.error).toBe(code);
    expect(fake.messages(channel.id)).toEqual([]);
  });

  it('conversations.history needs the bot in the channel', async () => {
    const channel = fake.addChannel({ name: 'elsewhere', members: ['UALICE0001'] });
    expect((await slackError(slack.conversations.history({ channel: channel.id }))).data.error).toBe('not_in_channel');
  });

  it('a DM keeps metadata too; reading its history needs im:history, as each kind of conversation needs its own scope', async () => {
    fake.addUser({ id: 'UDM0000001', name: 'dm' });
    const dm = fake.dmWith('UDM0000001');
    await slack.chat.postMessage({ channel: dm, text: 'reminder', metadata });
    const read = await slack.conversations.history({ channel: dm, include_all_metadata: true });
    expect(read.messages?.map((m) => m.metadata)).toEqual([metadata]);
    fake.setScopes(['chat:write', 'channels:history', 'groups:history']);
    const error = await slackError(slack.conversations.history({ channel: dm }));
    expect(error.data).toMatchObject({ error: 'missing_scope', needed: 'im:history' });
    const channel = fake.addChannel({ name: 'ops' });
    await expect(slack.conversations.history({ channel: channel.id })).resolves.toMatchObject({ ok: true });
  });
});

describe('views', () => {
  it('refuses a modal title of 25 characters', async () => {
    const error = await slackError(
      slack.views.open({
        trigger_id: fake.newTriggerId(),
        view: modal({ title: { type: 'plain_text', text: 't'.repeat(25) } }) as any,
      }),
    );

    expect(error.data.error).toBe('invalid_arguments');
    expect(error.data.response_metadata.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
  });

  it('accepts a trigger_id once, and only one it issued', async () => {
    const trigger = fake.newTriggerId();
    const opened = await slack.views.open({ trigger_id: trigger, view: modal() as any });

    expect(opened.view?.id).toMatch(/^V[A-Z0-9]{10}$/);
    expect(fake.views()).toEqual([
      expect.objectContaining({ id: opened.view!.id, trigger_id: trigger, view: modal() }),
    ]);
    expect((await slackError(slack.views.open({ trigger_id: trigger, view: modal() as any }))).data.error).toBe(
      'exchanged_trigger_id',
    );
    expect((await slackError(slack.views.open({ trigger_id: '1.2.abc', view: modal() as any }))).data.error).toBe(
      'invalid_trigger_id',
    );
  });

  it('updates a view by id and refuses an update based on a stale hash', async () => {
    const { view } = await slack.views.open({ trigger_id: fake.newTriggerId(), view: modal() as any });
    const updated = await slack.views.update({
      view_id: view!.id!,
      hash: view!.hash!,
      view: modal({ blocks: [section('Declared')], submit: undefined }) as any,
    });

    expect(fake.views()[0]?.view.blocks).toEqual([section('Declared')]);
    expect(updated.view?.hash).not.toBe(view!.hash);
    expect(
      (await slackError(slack.views.update({ view_id: view!.id!, hash: view!.hash!, view: modal() as any }))).data
        .error,
    ).toBe('hash_conflict');
  });
});

describe('faults', () => {
  it('fail() answers with a Slack error for the given number of calls, then works again', async () => {
    fake.fail('conversations.create', { error: 'name_taken' });

    const error = await slackError(slack.conversations.create({ name: 'inc-5' }));
    expect(error.code).toBe('slack_webapi_platform_error');
    expect(error.data).toEqual({
      ok: false,
      error: 'name_taken',
      response_metadata: { scopes: expect.arrayContaining(['channels:manage']) },
    });
    await expect(slack.conversations.create({ name: 'inc-5' })).resolves.toMatchObject({ ok: true });
    expect(fake.calls('conversations.create').map((c) => c.ok)).toEqual([false, true]);
  });

  it('a status 500 fault surfaces as an HTTP error', async () => {
    fake.fail('auth.test', { status: 500 });
    const error = await slackError(slack.auth.test());
    expect(error.code).toBe('slack_webapi_http_error');
    expect(error.statusCode).toBe(500);
  });

  it('a 429 fault carries Retry-After, which the client reports when told not to wait', async () => {
    fake.fail('chat.postMessage', { status: 429, retryAfter: 7 });
    const error = await slackError(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'x' }),
    );
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(7);
    expect(fake.lastCall('chat.postMessage')).toMatchObject({ ok: false, error: 'ratelimited' });
  });

  it('a dropped connection surfaces as a request error', async () => {
    fake.fail('auth.test', { drop: true });
    const error = await slackError(slack.auth.test());
    expect(error.code).toBe('slack_webapi_request_error');
    expect(fake.lastCall('auth.test')).toMatchObject({ ok: false, error: 'connection_dropped', response: undefined });
    await expect(slack.auth.test()).resolves.toMatchObject({
      user_id: 'UBOTCOMMANDER',
      bot_id: 'BCOMMANDER',
      team_id: 'T0TEAM',
    });
  });

  it("'after_work' does the work and then drops the answer: the message exists, the app hears nothing", async () => {
    const channel = fake.addChannel({ name: 'ops' });
    fake.fail('chat.postMessage', { drop: 'after_work' });
    const error = await slackError(slack.chat.postMessage({ channel: channel.id, text: 'posted anyway' }));
    expect(error.code).toBe('slack_webapi_request_error');
    expect(fake.messages(channel.id).map((m) => m.text)).toEqual(['posted anyway']);
    expect(fake.lastCall('chat.postMessage')).toMatchObject({ ok: true, answerDropped: true });
  });

  it('a wrong token is invalid_auth and a missing one not_authed', async () => {
    expect((await slackError(client({}, 'xoxb-wrong').chat.postMessage({ channel: 'C1', text: 'x' }))).data.error).toBe(
      'invalid_auth',
    );
    expect(
      (
        await slackError(
          new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silent }).auth.test(),
        )
      ).data.error,
    ).toBe('not_authed');
    expect(fake.calls().map((c) => c.token)).toEqual(['xoxb-wrong', undefined]);
  });

  it('answers unknown methods with unknown_method', async () => {
    expect((await slackError(slack.apiCall('chat.teleport', {}))).data.error).toBe('unknown_method');
  });
});

describe('waitForCall', () => {
  it('resolves for a call made after it started waiting', async () => {
    const waiting = fake.waitForCall('chat.postMessage', (c) => c.args.text === 'second');
    fake.addChannel({ id: 'CGENERAL', name: 'general' });
    await slack.chat.postMessage({ channel: 'CGENERAL', text: 'first' });
    await slack.chat.postMessage({ channel: 'CGENERAL', text: 'second' });

    await expect(waiting).resolves.toMatchObject({ ok: true, args: { channel: 'CGENERAL', text: 'second' } });
  });

  it('rejects after the timeout, naming the methods it saw', async () => {
    await slack.auth.test();
    await expect(fake.waitForCall('views.open', undefined, 20)).rejects.toThrow(
      'no views.open call within 20ms; methods seen: auth.test ×1',
    );
  });
});

describe('file uploads', () => {
  it('files.uploadV2 uploads the content and shares it in the channel', async () => {
    const { channel } = await slack.conversations.create({ name: 'inc-6' });
    await slack.files.uploadV2({
      channel_id: channel!.id!,
      filename: 'postmortem-6.md',
      title: 'Postmortem',
      content: '# Postmortem\n\nIt broke.',
      initial_comment: 'Draft',
    });

    expect(fake.uploads()).toEqual([
      expect.objectContaining({
        filename: 'postmortem-6.md',
        title: 'Postmortem',
        content: '# Postmortem\n\nIt broke.',
        channel_id: channel!.id,
        initial_comment: 'Draft',
        completed: true,
      }),
    ]);
  });

  it('refuses to share a file in a channel the bot is not in', async () => {
    fake.addChannel({ id: 'CELSEWHERE', name: 'elsewhere', members: ['UALICE0001'] });
    const error = await slackError(slack.files.uploadV2({ channel_id: 'CELSEWHERE', filename: 'a.md', content: 'a' }));
    expect(error.data.error).toBe('not_in_channel');
  });
});

describe('users', () => {
  it('users.info gives the zone of people the fake knows and user_not_found for others', async () => {
    const { user } = await slack.users.info({ user: 'UALICE0001' });
    expect(user).toMatchObject({
      id: 'UALICE0001',
      name: 'alice',
      tz: 'Europe/London',
      tz_label: expect.any(String),
      tz_offset: expect.any(Number),
    });
    expect((await slackError(slack.users.info({ user: 'UNOBODY001' }))).data.error).toBe('user_not_found');
  });

  it('users.conversations lists the private channels a person shares with the bot, a page at a time', async () => {
    for (let n = 0; n < 5; n++)
      fake.addChannel({
        id: `CPRIV${n}`,
        name: `priv-${n}`,
        is_private: true,
        members: ['UBOTCOMMANDER', 'UALICE0001'],
      });
    fake.addChannel({ id: 'CNOBOT', name: 'no-bot', is_private: true, members: ['UALICE0001'] });
    fake.addChannel({ id: 'CPUBLIC', name: 'open', members: ['UBOTCOMMANDER', 'UALICE0001'] });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await slack.users.conversations({ user: 'UALICE0001', types: 'private_channel', limit: 2, cursor });
      seen.push(...(page.channels ?? []).map((c) => c.id as string));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages++;
    } while (cursor);
    expect([seen, pages]).toEqual([['CPRIV0', 'CPRIV1', 'CPRIV2', 'CPRIV3', 'CPRIV4'], 3]);
    const refusal = async (args: Record<string, unknown>) =>
      (await slackError(slack.users.conversations({ user: 'UALICE0001', ...args }))).data.error;
    expect(await refusal({ types: 'private_channel', limit: 1001 })).toBe('invalid_limit');
    expect(await refusal({ types: 'private_channel', cursor: 'bm90IGEgY3Vyc29y' })).toBe('invalid_cursor');
    expect(await refusal({ types: 'secret_channel' })).toBe('invalid_types');
    fake.setScopes(['channels:read']);
    expect(await refusal({ types: 'private_channel' })).toBe('missing_scope');
  });
});

describe('response_url', () => {
  it('records what is posted to a response URL', async () => {
    const url = fake.newResponseUrl();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Done' }),
    });

    expect(response.status).toBe(200);
    expect(fake.responses(url)).toEqual([{ url, body: { text: 'Done' } }]);
  });

  it('refuses Block Kit Slack would refuse with a 400, recording the refusal', async () => {
    const url = fake.newResponseUrl();
    const body = JSON.stringify({
      text: 'Done',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
    });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(response.status).toBe(400);
    expect(await response.text()).toBe('invalid_blocks');
    expect(fake.responses(url)).toEqual([{ url, body: JSON.parse(body), error: 'invalid_blocks' }]);
  });
});

describe('Block Kit validation', () => {
  it('accepts ordinary message blocks', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Incident' } },
      { type: 'section', block_id: 'a', fields: [{ type: 'mrkdwn', text: '*Severity*' }] },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'ctx' }] },
      {
        type: 'actions',
        block_id: 'b',
        elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, style: 'primary' }],
      },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });

  it('reports every problem with a json-pointer', () => {
    const blocks = [
      { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: '' } },
      { type: 'section', block_id: 'same', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
      { type: 'carousel' },
      { type: 'header', text: { type: 'mrkdwn', text: 'h'.repeat(151) } },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'b'.repeat(76) }, style: 'blue' },
        ],
      },
      { type: 'input', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input' } },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]',
      '[ERROR] must be unique, "same" is already used [json-pointer:/blocks/1/block_id]',
      '[ERROR] no more than 10 items allowed [json-pointer:/blocks/1/fields]',
      '[ERROR] unsupported type: carousel [json-pointer:/blocks/2/type]',
      '[ERROR] must be one of: plain_text [json-pointer:/blocks/3/text/type]',
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/3/text/text]',
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/4/elements/0/text/text]',
      '[ERROR] must be one of: primary, danger [json-pointer:/blocks/4/elements/0/style]',
      '[ERROR] input blocks are only allowed in modals and Home tabs [json-pointer:/blocks/5/type]',
    ]);
  });

  it('checks select options and that the initial option is one of them', () => {
    const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
    const select = (extra: object) => [
      {
        type: 'input',
        block_id: 's',
        label: { type: 'plain_text', text: 'Severity' },
        element: { type: 'static_select', action_id: 'v', ...extra },
      },
    ];

    expect(validateBlocks(select({ options: [option('SEV1')], initial_option: option('SEV1') }), 'modal')).toEqual([]);
    expect(validateBlocks(select({ options: [option('SEV1')], initial_option: option('SEV9') }), 'modal')).toEqual([
      '[ERROR] must match one of the provided options [json-pointer:/blocks/0/element/initial_option]',
    ]);
    expect(
      validateBlocks(select({ options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)) }), 'modal'),
    ).toEqual(['[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/element/options]']);
    const longValue = { text: { type: 'plain_text', text: 'Long' }, value: 'v'.repeat(100) };
    expect(validateBlocks(select({ options: [longValue] }), 'modal')).toEqual([
      '[WARN] option values over 75 characters exceed the @slack/types limit [json-pointer:/blocks/0/element/options/0/value]',
    ]);
  });

  it('checks plain_text_input lengths', () => {
    const input = (element: object) => [
      {
        type: 'input',
        label: { type: 'plain_text', text: 'Impact' },
        element: { type: 'plain_text_input', ...element },
      },
    ];
    expect(validateBlocks(input({ max_length: 3001 }), 'modal')).toEqual([
      '[ERROR] must be an integer from 1 to 3000 [json-pointer:/blocks/0/element/max_length]',
    ]);
    expect(validateBlocks(input({ max_length: 5, initial_value: 'too long' }), 'modal')).toEqual([
      '[ERROR] must be less than 6 characters [json-pointer:/blocks/0/element/initial_value]',
    ]);
  });

  it('requires a submit button on a modal with inputs and limits its metadata', () => {
    expect(validateView(modal())).toEqual([]);
    expect(
      validateView(modal({ submit: undefined, private_metadata: 'm'.repeat(3001), callback_id: 'c'.repeat(256) })),
    ).toEqual([
      '[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]',
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
      '[ERROR] must provide submit when the view has input blocks [json-pointer:/view/submit]',
    ]);
    expect(
      validateView({ type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }, 'home'),
    ).toEqual(['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]']);
  });
});

describe('channel names', () => {
  it.each([
    ['', 'invalid_name_required'],
    ['a'.repeat(81), 'invalid_name_maxlength'],
    ['Incident', 'invalid_name_specials'],
    ['inc 1', 'invalid_name_specials'],
    ['--_', 'invalid_name_punctuation'],
    ['inc-1_db', undefined],
  ])('%j gives %s', (name, expected) => {
    expect(channelNameError(name)).toBe(expected);
  });
});
