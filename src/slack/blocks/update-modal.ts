import type { Incident, Status } from '../../incidents/incident.types';
import { UPDATE_STATUSES, STATUS_LABELS } from '../../incidents/incident.types';
import type { Policy } from '../../config/policy';
import { CALLBACK, FIELD } from './ids';
import { servicesInput } from './services-input';
import { incidentRef } from './incident-format';
import { type Block, context, type ModalView, modal, option, selectInput, textInput } from './kit';
import type { PublishDraft } from '../../statuspage/publish';
import { resolvePublishBlocks, updatePublishBlocks } from './publish-fields';

const STATUS_HINTS: Record<Status, string> = {
  investigating: 'Looking for the cause',
  identified: 'Cause found, working on a fix',
  mitigating: 'Fix or workaround being applied',
  monitoring: 'Fix applied, watching that it holds',
  resolved: 'The incident is over',
};

/** Metadata the update and resolve modals carry: which incident, and where to reply. */
export interface IncidentModalMetadata {
  incidentId: number;
  channelId: string | null;
}

/**
 * The update form. `draft`: the status page part, when this person may publish this incident (see
 * publish-fields.ts). With `services` (the catalog and the incident's services now), it also offers
 * to change the affected services, pre-filled with those it has.
 */
export function updateModal(
  incident: Incident,
  preset?: { status?: Status },
  draft?: PublishDraft | null,
  services?: { policy: Policy; chosen: readonly string[] },
): ModalView {
  const status = preset?.status ?? incident.status;
  return modal({
    callbackId: CALLBACK.update,
    title: `Update #${incident.id}`,
    submit: 'Post update',
    metadata: { incidentId: incident.id, channelId: incident.channelId } satisfies IncidentModalMetadata,
    blocks: [
      context(`Status update for ${incidentRef(incident)}`),
      selectInput(
        FIELD.status,
        UPDATE_STATUSES.map((s) => option(STATUS_LABELS[s], s, STATUS_HINTS[s])),
        { label: 'Status', initial: status },
      ),
      textInput(FIELD.summary, { label: 'What changed?', multiline: true, placeholder: 'Found the cause: …' }),
      textInput(FIELD.impact, { label: 'Current impact', multiline: true, optional: true, initial: incident.impact }),
      textInput(FIELD.nextSteps, { label: 'Next steps', multiline: true, optional: true }),
      ...(services
        ? servicesInput(services.policy, services.chosen, {
            hint: 'A service added brings in its owners and on-call; one removed is only taken off.',
          })
        : []),
      ...updatePublishBlocks(draft ?? null),
    ],
  });
}

/** `unfinished`: the note on required checklist items left undone (checklist-message.ts), shown first. */
export function resolveModal(incident: Incident, draft?: PublishDraft | null, unfinished: Block[] = []): ModalView {
  return modal({
    callbackId: CALLBACK.resolve,
    title: `Resolve #${incident.id}`,
    submit: 'Resolve',
    metadata: { incidentId: incident.id, channelId: incident.channelId } satisfies IncidentModalMetadata,
    blocks: [
      context(`Resolve ${incidentRef(incident)}. This posts the Resolved update and closes the incident.`),
      ...unfinished,
      textInput(FIELD.resolution, { label: 'How was it resolved?', multiline: true }),
      textInput(FIELD.rootCause, {
        label: 'Root cause',
        multiline: true,
        optional: true,
        hint: 'Leave empty if not known yet.',
      }),
      textInput(FIELD.pmSummary, {
        label: 'Summary for the postmortem',
        multiline: true,
        optional: true,
        hint: '2–3 sentences: what happened, who was affected, how it ended.',
      }),
      textInput(FIELD.usersAffected, {
        label: 'Users affected',
        optional: true,
        maxLength: 200,
        placeholder: 'About 1,200 EU customers',
      }),
      ...resolvePublishBlocks(draft ?? null),
    ],
  });
}
