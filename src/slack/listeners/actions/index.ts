import type { App } from '@slack/bolt';
import { ACTION } from '../../blocks/ids';
import { assignModal } from '../../blocks/assign-modal';
import { resolveModal, updateModal } from '../../blocks/update-modal';
import type { ListenerDeps } from '../deps';
import { openDeclareModal } from './open-declare-modal';
import { openIncidentModal } from './open-incident-modal';
import { justAcknowledge, snoozeReminder } from './snooze-reminder';

export function register(app: App, deps: ListenerDeps): void {
  app.action(ACTION.openUpdate, openIncidentModal(deps, (incident) => updateModal(incident)));
  app.action(ACTION.openResolve, openIncidentModal(deps, resolveModal, { changes: true }));
  app.action(ACTION.openAssign, openIncidentModal(deps, (incident) => assignModal(incident, deps.policy), { changes: true }));
  app.action(ACTION.reminderUpdate, openIncidentModal(deps, (incident) => updateModal(incident)));
  app.action(ACTION.reminderSnooze, snoozeReminder(deps));
  app.action(ACTION.reminderOpenChannel, justAcknowledge);
  app.action(ACTION.homeDeclare, openDeclareModal(deps));
}
