import type { Incident } from '../../incidents/incident.types';
import type { PostmortemStep } from '../../postmortem/requirement';
import { ACTION } from './ids';
import { incidentRef, incidentRefPlain } from './incident-format';
import { actions, button, section, type SlackMessage } from './kit';
import { notificationText, slackDate } from './text';

const DUE: Record<PostmortemStep, { what: string; button: string }> = {
  report: { what: 'the postmortem report', button: 'Mark report written' },
  draft: { what: 'sharing the postmortem draft for review', button: 'Mark draft shared' },
  meeting: { what: 'the postmortem meeting', button: 'Mark meeting held' },
  actions: { what: 'tracking the action items', button: 'Mark actions tracked' },
};

/** The DM to the commander when a postmortem step is due: what, since when, and the one button that does it. */
export function postmortemNudgeMessage(
  incident: Incident,
  step: PostmortemStep,
  dueAt: number,
  tz: string,
): SlackMessage {
  const { what, button: label } = DUE[step];
  return {
    text: notificationText(`Postmortem of ${incidentRefPlain(incident)}: ${what} was due`),
    blocks: [
      section(`📄 Postmortem of ${incidentRef(incident)}: ${what} was due ${slackDate(dueAt, tz)}.`),
      actions('postmortem_step', button(label, ACTION.postmortemStep, `${incident.id}:${step}`, 'primary')),
    ],
  };
}

export const postmortemStepDoneText = (incident: Incident, step: PostmortemStep) =>
  `✅ ${DUE[step].button.replace(/^Mark /, '').replace(/^./, (c) => c.toUpperCase())} — recorded on the timeline of ${incidentRef(incident)}.`;
