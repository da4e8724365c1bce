import type { Clock } from '../../clock';

/**
 * Who is in which channel, as far as the app recently learned it: from member_joined_channel and
 * member_left_channel events (Slack sends them as it happens) and from conversations.members
 * answers. Checks someone waits on (may they open this form?) then rarely need to ask Slack, which
 * matters because a trigger_id lasts 3 seconds. Knowledge expires after `ttlMs`, bounding how long
 * a missed event can mislead; unknown means ask Slack.
 */
export class MembershipCache {
  private readonly people = new Map<string, { member: boolean; at: number }>();
  /** A channel's whole member list, when a lookup read all of it. */
  private readonly listings = new Map<string, { members: Set<string>; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** true or false when known and fresh, undefined when Slack must be asked. */
  known(channelId: string, userId: string): boolean | undefined {
    const now = this.clock.now();
    const person = this.people.get(key(channelId, userId));
    const listing = this.listings.get(channelId);
    const fresh = (at: number) => now - at < this.ttlMs;
    if (person && fresh(person.at) && (!listing || person.at >= listing.at)) return person.member;
    if (listing && fresh(listing.at)) return listing.members.has(userId);
    return undefined;
  }

  /** One person joined or left (an event, an invitation the app made, or a lookup that found them). */
  learn(channelId: string, userId: string, member: boolean): void {
    if (this.people.size >= MAX_PEOPLE) this.forgetExpired();
    this.people.set(key(channelId, userId), { member, at: this.clock.now() });
  }

  /** Every member of the channel, as a complete lookup read them. */
  learnAll(channelId: string, members: string[]): void {
    if (this.listings.size >= MAX_PEOPLE) this.forgetExpired();
    this.listings.set(channelId, { members: new Set(members), at: this.clock.now() });
  }

  private forgetExpired(): void {
    const oldest = this.clock.now() - this.ttlMs;
    for (const [k, v] of this.people) if (v.at <= oldest) this.people.delete(k);
    for (const [k, v] of this.listings) if (v.at <= oldest) this.listings.delete(k);
  }
}

/** Past this many entries, expired ones are dropped before more are added. */
const MAX_PEOPLE = 10_000;

const key = (channelId: string, userId: string) => `${channelId}:${userId}`;
