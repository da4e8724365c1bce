import { formatDuration } from '../config/duration';
import type { PlannedAction } from './actions';

/** How a surface writes people, groups and filled-in text; the words around them are written once, here. */
export interface ActionVoice {
  person(userId: string): string;
  usergroup(groupId: string): string;
  /** A filled-in template (RichText), as the surface shows text. */
  text(text: PlannedAction & { kind: 'post' | 'dm' | 'followup' }): string;
  /** Text from the policy (a bookmark's title and link, an event name), made safe for the surface. */
  literal(text: string): string;
}

/** `done`: what was done (the timeline); `planned`: what would be done (the dry run). */
export type Tense = 'done' | 'planned';

const verb = (tense: Tense, planned: string, done: string) => (tense === 'done' ? done : planned);

/** Who an action reaches, or null when it reaches nobody (a role nobody holds). */
function targets(action: PlannedAction, v: ActionVoice): string | null {
  if (action.kind === 'invite') {
    const who = [...action.usergroups.map(v.usergroup), ...action.users.map(v.person)];
    return who.length > 0 ? who.join(', ') : null;
  }
  if (action.kind === 'dm') return action.users.length > 0 ? action.users.map(v.person).join(', ') : null;
  return '';
}

/** One action as a short sentence without its rule: "invited @payments-leads". */
export function actionWords(action: PlannedAction, tense: Tense, v: ActionVoice): string {
  const who = targets(action, v);
  switch (action.kind) {
    case 'invite':
      if (who === null)
        return `nobody to invite${action.service ? ` (service ${v.literal(action.service)} has no owners)` : ''}`;
      return `${verb(tense, 'invite', 'invited')} ${who}${action.service ? ` (owners of ${v.literal(action.service)})` : ''}`;
    case 'post':
      return `${verb(tense, 'post', 'posted')} in the channel: ${v.text(action)}`;
    case 'dm':
      if (who === null) return `nobody holds the ${v.literal(action.role ?? '')} role: no DM`;
      return `${verb(tense, 'DM', 'sent a DM to')} ${who}${action.role && tense === 'done' ? ` (${v.literal(action.role)})` : ''}: ${v.text(action)}`;
    case 'attach':
      return `${verb(tense, 'attach', 'attached')} checklist ${v.literal(action.checklist)}`;
    case 'bookmark':
      return `${verb(tense, 'bookmark', 'bookmarked')} ${v.literal(action.title)} (${v.literal(action.link)})`;
    case 'followup': {
      const owner = action.ownerId
        ? ` owned by ${v.person(action.ownerId)}`
        : action.role
          ? ` for the ${v.literal(action.role)} role (nobody holds it)`
          : '';
      const due = action.dueIn === null ? '' : `, due in ${formatDuration(action.dueIn)}`;
      return `${verb(tense, 'add follow-up', 'added follow-up')} "${v.text(action)}"${owner}${due}`;
    }
    case 'webhook':
      return `${verb(tense, 'send', 'sent')} event ${v.literal(action.event)} to ${action.url ? v.literal(new URL(action.url).host) : 'the webhooks that take rule.fired'}`;
    case 'escalate':
      return `${verb(tense, 'call in', 'called in')} ${action.level !== null ? `escalation level ${action.level}` : `the ${v.literal(action.rotation ?? '')} rotation's on-call`}`;
  }
}

/** The verb of an action that gave up, for "could not …". */
export const ACTION_VERBS: Record<PlannedAction['kind'], string> = {
  invite: 'invite',
  post: 'post in the channel',
  dm: 'send the DM',
  attach: 'attach the checklist',
  bookmark: 'add the bookmark',
  followup: 'add the follow-up',
  webhook: 'send the event',
  escalate: 'call in',
};
