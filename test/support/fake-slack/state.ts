import { IdSource } from './ids';
import type { Bookmark, Channel, Ephemeral, HomeView, Message, ResponseUrlPost, Upload, User, View } from './types';

export interface Identity {
  botUserId: string;
  botId: string;
  teamId: string;
  appId: string;
}

/** What the fake workspace holds: people, conversations, messages, views and files. */
/** The creator of channels a test sets up: a person, not the app. */
const SOMEONE = 'U0SOMEONE';

export class Workspace {
  readonly ids = new IdSource();
  readonly users = new Map<string, User>();
  readonly channels = new Map<string, Channel>();
  readonly ephemerals: Ephemeral[] = [];
  readonly views = new Map<string, View>();
  /** Home tab per user id. */
  readonly homes = new Map<string, HomeView>();
  /** trigger_id → who it belongs to and whether views.open/push already exchanged it. */
  readonly triggers = new Map<string, { user?: string; state: 'fresh' | 'exchanged' | 'expired' }>();
  readonly uploads = new Map<string, Upload>();
  readonly bookmarks = new Map<string, Bookmark[]>();
  /** User groups (S…) by id: their members, and whether the group was disabled. */
  readonly usergroups = new Map<string, { users: string[]; disabled: boolean }>();
  /** response_url → how many more POSTs Slack would accept (5 per URL). */
  readonly responseUrls = new Map<string, number>();
  readonly responses: ResponseUrlPost[] = [];
  private readonly posted = new Map<string, Message[]>();
  /** Sorted ids of the people besides the bot → their DM or group DM, so conversations.open is stable. */
  private readonly openedDms = new Map<string, string>();

  constructor(readonly identity: Identity) {
    this.addUser({ id: identity.botUserId, name: 'commander', real_name: 'Incident Commander', is_bot: true });
  }

  addUser(user: User): void {
    this.users.set(user.id, { ...this.users.get(user.id), ...user });
  }

  /** A person Slack would act for: known and not deactivated. */
  activeUser(id: string): User | undefined {
    const user = this.users.get(id);
    return user && !user.deleted ? user : undefined;
  }

  addChannel(input: {
    id?: string;
    name: string;
    is_private?: boolean;
    members?: string[];
    is_archived?: boolean;
    creator?: string;
  }): Channel {
    if (input.id && this.channels.has(input.id)) throw new Error(`fake Slack already has channel ${input.id}`);
    if (this.channelNamed(input.name)) throw new Error(`fake Slack already has a channel named ${input.name}`);
    // Private channels get C ids too: Slack stopped using G for new private channels.
    return this.newChannel({
      id: input.id ?? this.freshId('C'),
      name: input.name,
      is_private: input.is_private ?? false,
      is_archived: input.is_archived ?? false,
      members: new Set(input.members ?? [this.identity.botUserId]),
      creator: input.creator ?? SOMEONE,
    });
  }

  /** By id, or by name for named channels (DMs have no name). */
  findChannel(idOrName: string): Channel | undefined {
    return this.channels.get(idOrName) ?? this.channelNamed(idOrName.replace(/^#/, ''));
  }

  channelNamed(name: string): Channel | undefined {
    for (const channel of this.channels.values()) {
      if (!channel.is_im && !channel.is_mpim && channel.name === name) return channel;
    }
    return undefined;
  }

  /** The bot's DM (one person) or group DM (several) with these users, opened once and reused. */
  openConversation(userIds: string[]): Channel {
    const others = [...new Set(userIds)].filter((id) => id !== this.identity.botUserId).sort();
    const key = others.join(',');
    const existing = this.openedDms.get(key);
    if (existing) return this.channels.get(existing)!;
    const single = others.length <= 1;
    const channel = this.newChannel({
      id: this.freshId(single ? 'D' : 'G'),
      name: single ? (others[0] ?? this.identity.botUserId) : `mpdm-${others.join('--')}-1`,
      is_private: true,
      is_archived: false,
      members: new Set([this.identity.botUserId, ...others]),
      is_im: single,
      is_mpim: !single,
    });
    this.openedDms.set(key, channel.id);
    return channel;
  }

  /** Stores a message with the next ts; the poster is the bot unless a test says otherwise. */
  post(message: Omit<Message, 'ts' | 'user'> & { user?: string; ts?: string }): Message {
    const stored: Message = {
      ...message,
      ts: message.ts ?? this.ids.ts(),
      user: message.user ?? this.identity.botUserId,
    };
    const list = this.posted.get(message.channel) ?? [];
    list.push(stored);
    this.posted.set(message.channel, list);
    return stored;
  }

  messages(channelId: string): Message[] {
    return [...(this.posted.get(channelId) ?? [])];
  }

  findMessage(channelId: string, ts: string): Message | undefined {
    return this.posted.get(channelId)?.find((m) => m.ts === ts);
  }

  removeMessage(message: Message): void {
    const list = this.posted.get(message.channel) ?? [];
    list.splice(list.indexOf(message), 1);
  }

  newTriggerId(user?: string): string {
    const id = this.ids.trigger();
    this.triggers.set(id, { user, state: 'fresh' });
    return id;
  }

  /** A generated id that no channel or user set up by a test already has. */
  freshId(prefix: string): string {
    let id = this.ids.id(prefix);
    while (this.channels.has(id) || this.users.has(id)) id = this.ids.id(prefix);
    return id;
  }

  private newChannel(
    fields: Omit<Channel, 'topic' | 'purpose' | 'pins' | 'created' | 'is_im' | 'is_mpim' | 'creator'> &
      Partial<Channel>,
  ): Channel {
    const channel: Channel = {
      creator: SOMEONE,
      topic: '',
      purpose: '',
      pins: new Set(),
      created: Math.floor(Date.now() / 1000),
      is_im: false,
      is_mpim: false,
      ...fields,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }
}
