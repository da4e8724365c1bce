import { ACTION, CALLBACK, FIELD } from '../../blocks/ids';
import { assignModal } from '../../blocks/assign-modal';
import type { ListenerDeps } from '../deps';
import type { Router } from '../shared/routing';
import { acknowledge } from './acknowledge';
import { tickChecklistItem } from './checklist-tick';
import { offerServiceOnCall } from './declare-services';
import { showSimilarInForm } from './declare-title';
import { declareFromAlert } from './declare-from-alert';
import { openDeclareModal } from './open-declare-modal';
import { openIncidentModal } from './open-incident-modal';
import { publishForm, resolveForm, updateForm } from '../shared/publish-forms';
import { openKeyTimes } from './open-key-times';
import { answerMaintenanceButton } from './maintenance-buttons';
import { markPostmortemStep } from './postmortem-step';
import { answerFollowupNudge } from './followup-nudge';
import { createIssue } from './create-issue';
import { timelineEntryMenu } from './timeline-entry-menu';
import { justAcknowledge, snoozeReminder } from './snooze-reminder';
import { openHandoffNotes } from './handoff-notes';
import { followFromButton, unfollowFromButton, unsubscribeFromButton } from './follow';

export function register(router: Router, deps: ListenerDeps): void {
  router.buttons({
    [ACTION.openUpdate]: openIncidentModal(deps, updateForm(deps)),
    [ACTION.openResolve]: openIncidentModal(deps, resolveForm(deps)),
    [ACTION.openPublish]: openIncidentModal(deps, publishForm(deps)),
    [ACTION.openAssign]: openIncidentModal(deps, (incident) => assignModal(incident, deps.policy)),
    [ACTION.reminderUpdate]: openIncidentModal(deps, updateForm(deps)),
    [ACTION.reminderSnooze]: snoozeReminder(deps),
    [ACTION.reminderOpenChannel]: justAcknowledge,
    [ACTION.acknowledge]: acknowledge(deps),
    [ACTION.homeDeclare]: openDeclareModal(deps),
    [ACTION.alertDeclare]: declareFromAlert(deps),
    [ACTION.openKeyTimes]: openKeyTimes(deps),
    // An overflow menu, not a button; the handler reads its choice itself.
    [ACTION.entryMenu]: timelineEntryMenu(deps),
    [ACTION.postmortemStep]: markPostmortemStep(deps),
    [ACTION.followupDone]: answerFollowupNudge(deps, 'done'),
    [ACTION.followupSnooze]: answerFollowupNudge(deps, 'snooze'),
    [ACTION.followupCreateIssue]: createIssue(deps),
    [ACTION.maintenanceCancel]: answerMaintenanceButton(deps, 'cancel'),
    [ACTION.maintenanceEnd]: answerMaintenanceButton(deps, 'end'),
    [ACTION.checklistTick]: tickChecklistItem(deps),
    [ACTION.handoffNotes]: openHandoffNotes(deps),
    [ACTION.follow]: followFromButton(deps),
    [ACTION.unfollow]: unfollowFromButton(deps),
    [ACTION.unsubscribe]: unsubscribeFromButton(deps),
  });
  router.inputs({
    [`${CALLBACK.declare}/${FIELD.services}`]: offerServiceOnCall(deps),
    [`${CALLBACK.declare}/${FIELD.title}`]: showSimilarInForm(deps),
  });
}
