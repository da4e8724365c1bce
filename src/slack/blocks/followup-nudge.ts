import type { Incident } from '../../incidents/incident.types';
import type { Followup } from '../../timeline/timeline.types';
import { ACTION } from './ids';
import { incidentRef } from './incident-format';
import { actions, button, section, type SlackMessage } from './kit';
import { notificationText, safeMrkdwn, slackDate } from './text';

/** The DM to a follow-up's owner once it is overdue: what, of which incident, since when; Done or Snooze a week. */
export function followupNudgeMessage(incident: Incident, followup: Followup, tz: string): SlackMessage {
  const due = followup.dueAt === null ? '' : ` was due ${slackDate(followup.dueAt, tz)}`;
  return {
    text: notificationText(`Follow-up overdue: ${followup.text}`),
    blocks: [
      section(`📌 Your follow-up from ${incidentRef(incident)}${due}:\n>${safeMrkdwn(followup.text, 500)}`),
      actions(
        'followup_nudge',
        button('Done', ACTION.followupDone, String(followup.id), 'primary'),
        button('Snooze a week', ACTION.followupSnooze, String(followup.id)),
      ),
    ],
  };
}
