import type { FakeSlack, RecordedCall } from '../test/support/fake-slack';
import type { SignedResponse } from '../test/support/signed-request';
import { changedLines, type Names, oneLine, plainText, renderMessage, renderModal } from './transcript';

const INDENT = '      ';
/** Answers Slack gives in ordinary use and the app expects, e.g. inviting someone already there. */
const ROUTINE_ERRORS = new Set(['already_in_channel']);

/**
 * Turns what the app did in the fake Slack into what each person would see, step by step: after
 * each action the demo calls `show`, which prints the request's immediate reply (the ack body)
 * and every Web API call and response_url post made since the previous step.
 */
export class Narrator {
  private seenCalls = 0;
  private seenResponses = 0;
  private scenes = 0;
  /** What each message looked like when last shown, by channel/ts, to show edits as changes. */
  private readonly shown = new Map<string, string[]>();
  readonly names: Names;
  /** Web API calls Slack would have refused: the demo fails when there are any. */
  readonly refused: RecordedCall[] = [];

  constructor(
    private readonly fake: FakeSlack,
    private readonly print: (line: string) => void,
  ) {
    this.names = {
      user: (id) => fake.user(id)?.name,
      channel: (id) => fake.channel(id)?.name,
    };
  }

  scene(title: string): void {
    this.scenes += 1;
    const heading = `━━ ${this.scenes}. ${title} `;
    this.print('');
    this.print(heading.padEnd(78, '━'));
  }

  /** Something a person did, in their words: a command typed, a button clicked, a form sent. */
  act(userId: string, what: string, channelId?: string): void {
    this.print(`${this.who(userId)}${channelId ? ` in ${this.where(channelId)}` : ''}: ${what}`);
  }

  /** Something outside Slack, such as the clock moving on. */
  note(text: string): void {
    this.print(`  (${text})`);
  }

  /** Ignores what happened so far (start-up), so the first step starts with a clean slate. */
  skipAll(): void {
    this.seenCalls = this.fake.calls().length;
    this.seenResponses = this.fake.responses().length;
  }

  /** Prints the reply to `userId`'s request, then everything the app did in Slack since the last call. */
  show(userId: string, response?: SignedResponse): void {
    if (response) this.ack(userId, response);
    const calls = this.fake.calls().slice(this.seenCalls);
    this.seenCalls += calls.length;
    for (const call of calls) {
      if (call.ok) this.call(userId, call);
      else if (!ROUTINE_ERRORS.has(call.error ?? '')) {
        this.refused.push(call);
        this.line(`✗ Slack refused ${call.method}: ${call.error ?? 'no answer'}`);
      }
    }
    const responses = this.fake.responses().slice(this.seenResponses);
    this.seenResponses += responses.length;
    for (const r of responses) {
      const body = typeof r.body === 'object' && r.body ? r.body : { text: String(r.body) };
      const heading = body.response_type === 'in_channel' ? 'posted in the channel' : `only ${this.who(userId)} sees`;
      this.block(
        body.replace_original ? `the message ${this.who(userId)} clicked is replaced (${heading}):` : `${heading}:`,
        renderMessage(body, this.names),
      );
    }
  }

  private ack(userId: string, response: SignedResponse): void {
    const body = response.json;
    if (response.status !== 200) this.line(`Slack shows ${this.who(userId)} an error (HTTP ${response.status})`);
    else if (!body) return;
    else if (body.response_action === 'update' || body.response_action === 'push')
      this.block('the modal now shows:', renderModal(body.view, this.names));
    else if (body.response_action === 'errors')
      this.block(
        'the form says:',
        Object.entries(body.errors ?? {}).map(([k, v]) => `${k}: ${v}`),
      );
    else if (body.response_action === 'clear') this.line('the modal closes');
    else if (body.text || body.blocks) this.block(`only ${this.who(userId)} sees:`, renderMessage(body, this.names));
  }

  private call(userId: string, call: RecordedCall): void {
    const a = call.args;
    switch (call.method) {
      case 'conversations.create':
        return this.line(
          `Commander created ${String(a.is_private) === 'true' ? 'the private channel ' : ''}#${call.response.channel.name}`,
        );
      case 'conversations.invite':
        return this.line(
          `invited ${String(a.users)
            .split(',')
            .map((u) => this.who(u))
            .join(', ')} to ${this.where(a.channel)}`,
        );
      case 'conversations.setTopic':
        return this.line(`${this.where(a.channel)} topic: ${plainText(String(a.topic), this.names)}`);
      case 'chat.postMessage': {
        const thread = a.thread_ts ? ' (in the thread)' : '';
        const lines = renderMessage(a, this.names);
        this.shown.set(`${call.response.channel}/${call.response.ts}`, lines);
        return this.block(`${this.where(call.response.channel)}${thread} › Commander:`, lines);
      }
      case 'chat.update':
        return this.edited(a.channel, a.ts, renderMessage(a, this.names));
      case 'chat.postEphemeral':
        return this.block(`only ${this.who(a.user)} sees, in ${this.where(a.channel)}:`, renderMessage(a, this.names));
      case 'views.open':
      case 'views.push':
        return this.block(`${this.who(userId)} sees a modal:`, renderModal(a.view, this.names));
      case 'views.update':
        return this.block('the modal now shows:', renderModal(a.view, this.names));
      case 'views.publish':
        return this.line(`${this.who(a.user_id)}'s Home tab is refreshed`);
      case 'files.completeUploadExternal': {
        const files = (a.files ?? []).map((f: any) => `📎 ${this.upload(f.id)}`);
        const comment = a.initial_comment ? plainText(String(a.initial_comment), this.names).split('\n') : [];
        return this.block(`${this.where(a.channel_id ?? a.channels)} › Commander:`, [...comment, ...files]);
      }
      case 'conversations.archive':
        return this.line(`${this.where(a.channel)} is archived`);
      default:
        // Look-ups, pins, bookmarks and reactions change nothing anyone reads in the transcript.
        return;
    }
  }

  /** Edits are shown briefly: only the lines that changed since the reader last saw the message. */
  private edited(channelId: string, ts: string, lines: string[]): void {
    const key = `${channelId}/${ts}`;
    const before = this.shown.get(key);
    this.shown.set(key, lines);
    const changed = before ? changedLines(before, lines) : lines;
    const pinned = this.fake.channel(channelId)?.pins.has(ts);
    const what = pinned
      ? 'the pinned kick-off'
      : before
        ? `its message "${oneLine(before.slice(0, 1), 60)}"`
        : 'a message';
    this.line(
      `${this.where(channelId)} › Commander edited ${what}: ${changed.length > 0 ? oneLine(changed) : 'no visible change'}`,
    );
  }

  private upload(fileId: string): string {
    const upload = this.fake.uploads().find((u) => u.file_id === fileId);
    return upload ? `${upload.filename} (${upload.content.split('\n').length} lines of Markdown)` : fileId;
  }

  private who(userId: string): string {
    return `@${this.names.user(userId) ?? userId}`;
  }

  /** A channel as people name it; a DM as "DM to @person". */
  private where(channelId: string): string {
    const channel = this.fake.channel(channelId);
    if (channel?.is_im) return `DM to ${this.who(channel.name)}`;
    return `#${channel?.name ?? channelId}`;
  }

  private line(text: string): void {
    this.print(`  ▸ ${text}`);
  }

  private block(heading: string, lines: string[]): void {
    this.line(heading);
    for (const l of lines) this.print(l.trim() === '' ? '' : `${INDENT}${l}`);
  }
}
