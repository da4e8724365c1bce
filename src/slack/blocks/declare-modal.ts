import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import type { StepProblem } from '../../incidents/incidents.errors';
import { CALLBACK, FIELD, PRIVATE_OPTION } from './ids';
import { channelLink, incidentRef, incidentRefPlain } from './incident-format';
import {
  type Block,
  checkboxInput,
  type ModalView,
  modal,
  option,
  section,
  selectInput,
  type SlackMessage,
  textInput,
  userInput,
  context,
} from './kit';
import { servicesInput } from './services-input';
import { typeInput } from './type-input';
import { describeSetupProblem, isPassingTrouble } from '../text/error-sentences';
import { notificationText, plain } from './text';

export const TITLE_MAX = 150;

/** `commanderId` is pre-selected; `onCallRotation` names the rotation it came from, if any. */
export function declareModal(form: {
  policy: Policy;
  title: string;
  commanderId: string;
  originChannelId?: string;
  onCallRotation?: string;
  /** Pre-filled from an alert. */
  severity?: string;
  impact?: string;
  /** Catalog service ids pre-selected (those whose team channel the form was opened in). */
  services?: readonly string[];
  /** Set when the commander is there for lack of a choice (the declarer, or a service's on-call). */
  autoCommander?: string;
}): ModalView {
  return modal({
    callbackId: CALLBACK.declare,
    title: 'Declare an incident',
    submit: 'Declare',
    metadata: {
      ...(form.originChannelId ? { originChannelId: form.originChannelId } : {}),
      ...(form.autoCommander ? { autoCommander: form.autoCommander } : {}),
    } satisfies DeclareMetadata,
    blocks: [
      titleInput(form.title),
      selectInput(
        FIELD.severity,
        form.policy.severities.map((s) => option(`${s.id} · ${s.name}`, s.id, s.description)),
        { label: 'Severity', ...(form.severity ? { initial: form.severity } : {}) },
      ),
      ...typeInput(form.policy),
      textInput(FIELD.impact, {
        label: 'What is happening? Who is affected?',
        multiline: true,
        optional: true,
        ...(form.impact ? { initial: form.impact } : {}),
      }),
      ...servicesInput(form.policy, form.services ?? [], {
        hint: 'Their owners and on-call are invited, and their team channels are told.',
        // With no commander chosen yet, choosing a service offers its on-call (see views/declare-services.ts).
        dispatch: form.policy.services.some((s) => s.oncall),
      }),
      commanderInput(form.commanderId, form.onCallRotation),
      checkboxInput(
        FIELD.visibility,
        [option('Private (security) incident', PRIVATE_OPTION, 'Private channel; not announced publicly')],
        {
          label: 'Visibility',
          hint: privateHint(form.policy),
        },
      ),
    ],
  });
}

/**
 * The title, which tells the app as it is typed (Slack waits for a pause), so the form can show
 * similar past incidents under it ("Is this a known issue?").
 */
function titleInput(title: string): Block {
  const block = textInput(FIELD.title, {
    label: 'Title',
    initial: title,
    maxLength: TITLE_MAX,
    placeholder: 'Checkout returns errors for EU customers',
    dispatchAction: true,
  }) as Block & { element: Record<string, unknown> };
  block.element.dispatch_action_config = { trigger_actions_on: ['on_enter_pressed', 'on_character_entered'] };
  return block;
}

/** What the declare form carries: where it was opened, and a commander nobody chose (see autoCommander). */
export interface DeclareMetadata {
  originChannelId?: string;
  autoCommander?: string;
}

/** The commander field; `onCallRotation` names the rotation the pre-selected person is on call for. */
export const commanderInput = (commanderId: string, onCallRotation?: string): Block =>
  userInput(FIELD.commander, {
    label: 'Incident commander',
    initial: commanderId,
    hint: `${onCallRotation ? `On call now for ${plain(onCallRotation, 40)}. ` : ''}Leads the response and posts the status updates.`,
  });

const privateHint = (policy: Policy): string =>
  policy.privateAnnouncementChannel
    ? 'Only people invited see it; it is announced only in the private announcement channel.'
    : 'Only people invited see it; it is not announced anywhere.';

/** Shown while the channel is being set up, so the modal never looks stuck. */
export const declaringView = (): ModalView =>
  modal({
    title: 'Declare an incident',
    close: 'Close',
    blocks: [section('⏳ Declaring the incident and opening its channel…')],
  });

/**
 * The outcome of a declaration. Steps Slack did not finish are retried in the background, so the
 * person is told what Commander will do, not asked to try again.
 */
export function declaredView(incident: Incident, problems: StepProblem[]): ModalView {
  const promise = `Commander will finish setting up ${channelLink(incident)} and tell you.`;
  let headline: string;
  if (problems.length === 0)
    headline = `✅ Incident ${incidentRef(incident)} is declared. Join the response in ${channelLink(incident)}.`;
  else if (incident.channelId)
    headline = `⏳ Incident ${incidentRef(incident)} is declared. Slack is having trouble; ${promise}`;
  else if (problems.every(isPassingTrouble))
    headline = `⏳ Incident ${incidentRef(incident)} is recorded. Slack is having trouble; ${promise}`;
  else
    headline = `⚠️ Incident ${incidentRef(incident)} is recorded, but its channel could not be created. Commander keeps trying and will tell you.`;
  const blocks = [section(headline)];
  if (problems.length > 0) {
    blocks.push(context(problems.map((p) => `• ${describeSetupProblem(p)}`).join('\n')));
  }
  return modal({ title: `Incident #${incident.id}`, close: 'Close', blocks });
}

/** The DM to the declarer once a declaration Slack had held up is set up. */
export function setupFinishedDm(incident: Incident): SlackMessage {
  return {
    text: notificationText(`Incident ${incidentRefPlain(incident)} is set up`),
    blocks: [
      section(
        `✅ Slack is answering again: incident ${incidentRef(incident)} is set up. Join the response in ${channelLink(incident)}.`,
      ),
    ],
  };
}
