import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import { CALLBACK, FIELD } from './ids';
import { incidentRef } from './incident-format';
import { context, type ModalView, modal, option, selectInput, userInput } from './kit';
import type { IncidentModalMetadata } from './update-modal';

/** The kick-off message's "Assign role" form: which role, which person. */
export function assignModal(incident: Incident, policy: Policy): ModalView {
  return modal({
    callbackId: CALLBACK.assignRole,
    title: `Roles of #${incident.id}`,
    submit: 'Assign',
    metadata: { incidentId: incident.id, channelId: incident.channelId } satisfies IncidentModalMetadata,
    blocks: [
      context(
        `Assign a role in ${incidentRef(incident)}. The person is invited to the channel and told what the role means.`,
      ),
      selectInput(
        FIELD.role,
        policy.roles.map((r) => option(r.name, r.id, r.description)),
        { label: 'Role' },
      ),
      userInput(FIELD.person, { label: 'Person' }),
    ],
  });
}
