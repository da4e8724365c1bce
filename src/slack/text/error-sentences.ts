import type { StorageErrorCode } from '../../errors/storage-error';
import type { IncidentError, IncidentErrorCode, StepProblem } from '../../incidents/incidents.errors';

/** What to tell a person when Slack refuses a call: what happened and what to do about it. */
const SENTENCES: Record<string, string> = {
  missing_scope: 'Commander is missing a Slack permission. Ask a Slack admin to reinstall the app from manifest.yml.',
  not_in_channel: 'Commander is not a member of that channel. Invite it with /invite @Commander and try again.',
  channel_not_found:
    'Slack cannot find that channel for Commander. Check that it exists and that Commander is invited.',
  is_archived: 'That channel is archived. Unarchive it, or point Commander at another channel.',
  restricted_action: 'Your workspace does not allow apps to do this (for example create channels). Ask a Slack admin.',
  no_permission: 'Commander is not allowed to do this in your workspace. Ask a Slack admin.',
  user_not_found: 'Slack could not find one of the people involved.',
  user_is_restricted: 'A guest account cannot be invited to the incident channel.',
  ura_max_channels: 'A single-channel guest cannot be invited to another channel.',
  invalid_auth: "Commander's Slack token is not valid. An admin needs to check SLACK_BOT_TOKEN.",
  account_inactive: "Commander's Slack token has been revoked. An admin needs to reinstall the app.",
  token_revoked: "Commander's Slack token has been revoked. An admin needs to reinstall the app.",
  ratelimited: 'Slack is rate-limiting Commander right now. Try again in a minute.',
  slack_webapi_rate_limited_error: 'Slack is rate-limiting Commander right now. Try again in a minute.',
  slack_webapi_request_error: 'Commander could not reach Slack. Try again in a minute.',
  slack_webapi_http_error: 'Slack had a problem answering. Try again in a minute.',
  expired_trigger_id: 'That took too long for Slack to open the form. Run the command again.',
  exchanged_trigger_id: 'That form was already opened. Run the command again if you need it.',
};

const STEPS: Record<string, string> = {
  channel: 'Creating the incident channel failed',
  invite: 'Inviting people to the channel failed',
  topic: 'Setting the channel topic failed',
  kickoff: 'Posting the kick-off message failed',
  pin: 'Pinning the kick-off message failed',
  announce: 'Announcing the incident failed',
  post: 'Posting the update in the incident channel failed',
  kickoff_refresh: 'Refreshing the pinned summary failed',
  mirror: 'Mirroring the update to the announcement channel failed',
  announcement: 'Updating the announcement failed',
  change_note: 'Telling the incident channel about the change failed',
  announce_change: 'Announcing the change in the announcement channel failed',
  role_dm: 'Telling the person about their role by DM failed',
  postmortem_share: 'Sharing the postmortem draft in the channel failed',
  services: "Reaching the affected services' teams failed",
  service_owners: "Reading a service's owners (its Slack user group) failed",
  service_invite: "Inviting the affected services' owners and on-call failed",
  service_post: "Telling a service's team channel about the incident failed",
  bookmark: 'Bookmarking a runbook or dashboard in the channel failed',
  call_bookmark: 'Bookmarking the incident call in the channel failed',
};

/** Slack being down or slow, rather than refusing: retrying later will get through. */
const PASSING = new Set([
  'slack_webapi_http_error',
  'slack_webapi_request_error',
  'slack_webapi_rate_limited_error',
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export const isPassingTrouble = (problem: StepProblem): boolean => PASSING.has(problem.code);

/**
 * A set-up step that failed, for a declaration Commander goes on finishing by itself: passing
 * trouble asks nothing of the person (no "try again"), a refusal still says what to do about it.
 */
export function describeSetupProblem(problem: StepProblem): string {
  return isPassingTrouble(problem)
    ? `${STEPS[problem.step] ?? `Step "${problem.step}" failed`}: Slack had a problem answering.`
    : describeProblem(problem);
}

/** The database's failures are Commander's own, not Slack's: the person is told it is the database. */
const STORAGE_SENTENCES: Record<StorageErrorCode, string> = {
  storage_full:
    "Commander could not save this: its database's disk is full. An admin needs to free space for Commander's database.",
  storage_readonly:
    "Commander could not save this: its database is read-only right now. An admin needs to check Commander's database.",
  storage_unavailable:
    "Commander's database is unavailable, so this was not done. Try again in a minute; if it lasts, an admin needs to check Commander's database.",
  storage_busy: "Commander's database was too busy to save this just now, so it was not done. Try again.",
};

const own = (table: Record<string, string>, key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);

/** A failed call's code as a sentence: the database's trouble (a StorageError's code), else Slack's. */
export function slackErrorSentence(code: string): string {
  return own(STORAGE_SENTENCES, code) ?? own(SENTENCES, code) ?? `Slack answered "${code}".`;
}

export function describeProblem(problem: StepProblem): string {
  return `${STEPS[problem.step] ?? `Step "${problem.step}" failed`}: ${slackErrorSentence(problem.code)}`;
}

/** The problems of a change as lines for the person who made it, one ⚠️ each. */
export const problemLines = (problems: StepProblem[]): string[] => problems.map((p) => `⚠️ ${describeProblem(p)}`);

/**
 * Domain errors in Slack's words where Slack can say more: a mention of the person or channel, the
 * command to run. Every other error says its own (neutral) message.
 */
const INCIDENT_SENTENCES: Partial<Record<IncidentErrorCode, (data: IncidentError['data']) => string | undefined>> = {
  not_allowed: ({ incidentId, channelId }) =>
    incidentId === undefined
      ? undefined
      : `Only members of ${channelId ? `<#${channelId}>` : 'the incident channel'}, the incident's role holders and Commander admins can change incident #${incidentId}. Join the channel first.`,
  not_assignable: ({ kind, userId }) =>
    kind === 'bot'
      ? `<@${userId}> is an app, not a person. Roles go to the people handling the incident.`
      : kind === 'missing'
        ? 'Slack does not know that person. Choose someone from your workspace.'
        : undefined,
  empty_note: () => 'Write the note after the command: `/incident note Rolled back the deploy`.',
  empty_followup: () => 'Describe the follow-up: `/incident followup Add an alert on queue depth @owner`.',
  no_such_followup: ({ number, count }) =>
    count === 0
      ? 'This incident has no follow-ups yet.'
      : `There is no follow-up ${number}; \`/incident followups\` lists ${count}.`,
};

export function incidentErrorSentence(error: IncidentError): string {
  return INCIDENT_SENTENCES[error.code]?.(error.data) ?? error.message;
}
