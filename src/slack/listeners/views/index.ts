import { CALLBACK } from '../../blocks/ids';
import type { ListenerDeps } from '../deps';
import type { Router } from '../shared/routing';
import { onDeclareSubmitted } from './declare';
import { onIncidentPicked } from './pick-incident';
import { onEntryEdited } from './edit-entry';
import { onKeyTimesSubmitted } from './key-times';
import { onMaintenanceSubmitted } from './maintenance';
import { onRecordSubmitted } from './record';
import { onHandoffNotesSubmitted } from './handoff-notes';
import { onAssignSubmitted, onPublishSubmitted, onResolveSubmitted, onUpdateSubmitted } from './incident-forms';

export function register(router: Router, deps: ListenerDeps): void {
  router.views({
    [CALLBACK.declare]: onDeclareSubmitted(deps),
    [CALLBACK.update]: onUpdateSubmitted(deps),
    [CALLBACK.resolve]: onResolveSubmitted(deps),
    [CALLBACK.assignRole]: onAssignSubmitted(deps),
    [CALLBACK.pickIncident]: onIncidentPicked(deps),
    [CALLBACK.keyTimes]: onKeyTimesSubmitted(deps),
    [CALLBACK.editEntry]: onEntryEdited(deps),
    [CALLBACK.record]: onRecordSubmitted(deps),
    [CALLBACK.publish]: onPublishSubmitted(deps),
    [CALLBACK.maintenance]: onMaintenanceSubmitted(deps),
    [CALLBACK.handoffNotes]: onHandoffNotesSubmitted(deps),
  });
}
