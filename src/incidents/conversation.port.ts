import type { PersonKind } from '../people/person-facts';
import type { Role } from '../config/policy';
import type { IncidentChange } from './change.types';
import type { Incident, StatusUpdate } from './incident.types';

/**
 * Names a post so that repeating it after a lost answer finds the first instead of posting a
 * second. The platform adapter decides how (Slack: message metadata, then the channel history).
 */
export interface PostKey {
  incidentId: number;
  /** Which of the incident's posts: `kickoff`, `announce`, `update-12`, `mirror-12`. */
  step: string;
  /** An earlier attempt may already have posted it (a retry, a redelivery, a restart): look first. */
  mayExist: boolean;
}

/**
 * What the incident domain needs from a chat platform. Slack implements it in src/slack; the
 * domain never sees Block Kit or the Web API. Methods throw on failure: a ChatError
 * (src/errors/chat-error.ts) when the platform failed the call, ChannelNameTakenError where said.
 */
export interface ConversationPort {
  /** Throws ChannelNameTakenError when the name is in use (`maybeOurs` when a lost answer may mean we made it). */
  createChannel(name: string, isPrivate: boolean): Promise<{ id: string; name: string }>;
  /** The unarchived channel of this name that the app itself created, if there is one. */
  findOwnChannel(name: string): Promise<{ id: string; name: string } | null>;
  /**
   * Invites the people; resolves to those the platform refused because their account is
   * deactivated or unknown (the others are in, or were already).
   */
  invite(channelId: string, userIds: string[]): Promise<Array<{ userId: string; kind: 'deactivated' | 'missing' }>>;
  /**
   * The commander named on the form cannot take part (learnt after it was answered: their account
   * was deactivated meanwhile): said in the channel and to the declarer, once per incident.
   */
  tellCommanderUnavailable(incident: Incident, kind: 'deactivated' | 'missing'): Promise<void>;
  setTopic(incident: Incident): Promise<void>;
  /** The one canonical message about the incident in its channel; returns its ts. */
  postKickoff(incident: Incident, key: PostKey): Promise<string>;
  /**
   * The incident's call (policy `bridge:`) in the channel's bookmarks, once: when `mayExist`, an
   * earlier attempt may have added it without hearing so, and it is looked for first.
   */
  bookmarkCall(incident: Incident, key: PostKey): Promise<void>;
  refreshKickoff(incident: Incident): Promise<void>;
  pin(channelId: string, ts: string): Promise<void>;
  /** Announces the declaration; returns the message ts, or null when no announcement channel is set. */
  announce(incident: Incident, key: PostKey): Promise<string | null>;
  refreshAnnouncement(incident: Incident): Promise<void>;
  /** Tells the declarer that a declaration Slack had held up is now set up (its channel is ready). */
  tellSetupFinished(incident: Incident): Promise<void>;
  postStatusUpdate(incident: Incident, update: StatusUpdate, key: PostKey): Promise<string>;
  /** Mirrors an update to the announcement channel; null when there is none. */
  mirrorStatusUpdate(incident: Incident, update: StatusUpdate, key: PostKey): Promise<string | null>;
  /** What the app remembers answers, unless `confirm` asks the platform (see permissions.ts's IsMember). */
  isMember(channelId: string, userId: string, how?: { confirm: boolean }): Promise<boolean>;
  /** Whether a user id is a person who can take a role: an app, a deactivated account, or unknown. */
  personKind(userId: string): Promise<PersonKind>;
  /**
   * A visible note in the incident channel about a change. With a key it is posted at most once
   * per key (timed work a replica may take over half done: the archive farewell).
   */
  postChange(incident: Incident, change: IncidentChange, key?: PostKey): Promise<void>;
  /** Announces a change in the incident's announcement channel (no-op when it has none). */
  announceChange(incident: Incident, change: IncidentChange): Promise<void>;
  /** Tells someone by DM that they now hold a role in the incident, and what the role means. */
  tellRoleHolder(incident: Incident, role: Role, userId: string, assignedBy: string): Promise<void>;
  /** Archives the channel; one archived already (by hand, or by an attempt whose answer was lost) is done too. */
  archiveChannel(channelId: string): Promise<void>;
}
