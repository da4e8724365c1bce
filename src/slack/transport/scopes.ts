import type { Logger } from '../../logger';

/**
 * Every bot scope manifest.yml asks for, and what stops working without it (a test holds the keys
 * to the manifest). An install made from an older manifest, or a scope removed by hand, would
 * otherwise show up only as `missing_scope` in the middle of an incident.
 */
export const SCOPE_FEATURES: Record<string, string> = {
  commands: '/incident and the "Add to incident timeline" shortcut will not reach Commander',
  'chat:write': 'Commander cannot post: kick-off messages, status updates, replies and reminders will fail',
  'chat:write.public': 'announcements will fail in a public announcement channel Commander was not invited to',
  'channels:manage': 'incident channels cannot be created, people invited, topics set or channels archived',
  'groups:write': 'private (security) incident channels cannot be created or managed',
  'pins:write': 'the kick-off message will not be pinned',
  'usergroups:read': "a hurt service's owners (its user group's members) cannot be read, so they are not invited",
  'bookmarks:write': "a hurt service's runbook and dashboard cannot be bookmarked in the incident channel",
  'bookmarks:read':
    'a set-up retried after a lost answer cannot look for the call bookmark first, and may add it twice',
  'files:write': 'the postmortem cannot be uploaded to the incident channel',
  'channels:read': 'who is in a public incident channel cannot be checked, so permission checks fail closed',
  'channels:history': 'a post whose answer was lost cannot be looked for before it is retried, so it may appear twice',
  'groups:history': 'in private incident channels, a post whose answer was lost may appear twice',
  'im:write':
    'with several replicas, a reminder or escalation DM that a replica which died was sending may be sent twice',
  'im:history':
    'with several replicas, a reminder or escalation DM that a replica which died was sending may be sent twice',
  'users:read': 'role assignments fail: Commander cannot check that the person exists and is not an app',
  'users:read.email':
    'the web console behind a proxy (WEB_AUTH=proxy) cannot tell who someone is from their e-mail address, and follow-up issues in Jira or Linear are not assigned to their owner',
  'groups:read':
    'who is in a private incident channel cannot be checked, so private incidents stay hidden from their members',
};

/** One warning per scope the token lacks; start-up goes on, since the rest of Commander works. */
export function warnMissingScopes(granted: string[] | undefined, logger: Logger): string[] {
  if (!granted) {
    logger.debug('Slack did not say which scopes the bot token has (no x-oauth-scopes header)');
    return [];
  }
  const missing = Object.keys(SCOPE_FEATURES).filter((scope) => !granted.includes(scope));
  for (const scope of missing) {
    logger.warn(
      { scope },
      `the bot token lacks the ${scope} scope: ${SCOPE_FEATURES[scope]}. Reinstall the app from manifest.yml.`,
    );
  }
  return missing;
}
