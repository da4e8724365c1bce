import type { RotationNow } from '../../oncall/rotation';
import { context, section, type SlackMessage } from './kit';
import { escapeMrkdwn, notificationText, plain, slackDate } from './text';

/** Said when `oncall` is empty: what to put in the policy file. */
export const NO_ROTATION_TEXT =
  'No on-call rotation is configured. Add an `oncall` list to the policy file (COMMANDER_CONFIG), ' +
  'each rotation with a `name` and its `users` in order, and restart Commander; docs/configuration.md shows an example.';

const mention = (userId: string) => `<@${userId}>`;

function rotationSection(r: RotationNow, forIncidents: boolean): string {
  // Rotation names come from the config file, but are still shown as text, never as markup.
  const name = escapeMrkdwn(plain(r.name, 40));
  const lines = [
    `*${name}*${forIncidents ? ' · used for incidents' : ''}`,
    `Primary: ${mention(r.primary)}${r.override ? ` (covering for ${mention(r.override.covering)} until ${slackDate(r.override.until, r.timezone)})` : ''}`,
    `Secondary: ${r.secondary ? mention(r.secondary) : 'none (a rotation of one)'}`,
    `Next: ${mention(r.next.primary)} takes over ${slackDate(r.next.at, r.timezone)}`,
  ];
  return lines.join('\n');
}

/** `/incident oncall`: who is on call now in each rotation, and the next hand-off. */
export function oncallMessage(rotations: readonly RotationNow[]): SlackMessage {
  if (rotations.length === 0)
    return { text: notificationText('No on-call rotation is configured.'), blocks: [section(NO_ROTATION_TEXT)] };
  const first = rotations[0] as RotationNow;
  return {
    text: notificationText(`Who is on call: ${rotations.map((r) => r.name).join(', ')}`),
    blocks: [
      ...rotations.map((r, i) => section(rotationSection(r, i === 0 && rotations.length > 1))),
      context(
        `Declaring an incident pre-selects the primary of *${escapeMrkdwn(plain(first.name, 40))}* as commander; unanswered update reminders call in its secondary, then the escalation contacts.`,
      ),
    ],
  };
}
