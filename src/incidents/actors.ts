/**
 * Who did something is a Slack user id, or a system actor: an alert source that declared or
 * added to an incident. A system actor's id cannot be a Slack id (those are [UW][A-Z0-9]+), so
 * the two never collide, and nothing tries to invite, mention or DM it.
 */
const ALERT_PREFIX = 'alert:';

export const alertActor = (sourceName: string): string => `${ALERT_PREFIX}${sourceName}`;

/** The alert source's name when the actor is one, else null (a person). */
export const alertSourceOf = (actorId: string | null): string | null =>
  actorId?.startsWith(ALERT_PREFIX) ? actorId.slice(ALERT_PREFIX.length) : null;

/** Whether an actor is someone Slack can invite, mention or message. */
export const isPerson = (actorId: string): boolean => alertSourceOf(actorId) === null;
