import type { Incident } from '../../incidents/incident.types';
import type { PublishDraft } from '../../statuspage/publish';
import { OUTAGE_STATUSES, PUBLIC_STATUSES } from '../../statuspage/statuspage.types';
import { CALLBACK, COMPONENT_FIELD, FIELD, PUBLISH_OPTION } from './ids';
import { incidentRef } from './incident-format';
import {
  type Block,
  checkboxInput,
  context,
  divider,
  type ModalView,
  modal,
  option,
  selectInput,
  textInput,
} from './kit';
import type { IncidentModalMetadata } from './update-modal';

const OUTAGE_LABELS: Record<(typeof OUTAGE_STATUSES)[number], string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

const PUBLIC_LABELS: Record<(typeof PUBLIC_STATUSES)[number], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** The public name (asked only before the first publication) and the public message. */
function nameAndMessage(draft: PublishDraft, messageLabel: string): Block[] {
  return [
    ...(draft.published
      ? []
      : [
          textInput(FIELD.publicName, {
            label: 'Public name',
            optional: true,
            maxLength: 120,
            hint: 'What customers see as the incident’s name; never the internal title.',
          }),
        ]),
    textInput(FIELD.publicMessage, {
      label: messageLabel,
      multiline: true,
      optional: true,
      maxLength: 2_000,
      initial: draft.message,
    }),
  ];
}

const componentSelects = (draft: PublishDraft): Block[] =>
  draft.components.map((c) =>
    selectInput(
      `${COMPONENT_FIELD}${c.id}`,
      OUTAGE_STATUSES.map((s) => option(OUTAGE_LABELS[s], s)),
      { label: c.name, initial: c.status },
    ),
  );

const publishBox = (initial: boolean): Block =>
  checkboxInput(FIELD.publish, [option('Publish to status page', PUBLISH_OPTION)], {
    label: 'Status page',
    ...(initial ? { initial: [PUBLISH_OPTION] } : {}),
  });

/**
 * The update form's status page part: shown only when the incident affects a public component and
 * may be published, by this person (the draft is null otherwise).
 */
export function updatePublishBlocks(draft: PublishDraft | null): Block[] {
  if (!draft || draft.components.length === 0) return [];
  return [divider(), publishBox(false), ...nameAndMessage(draft, 'Public message'), ...componentSelects(draft)];
}

/** The resolve form's: a public resolution message; the components return to operational. */
export function resolvePublishBlocks(draft: PublishDraft | null): Block[] {
  if (!draft || (draft.components.length === 0 && !draft.published)) return [];
  return [
    divider(),
    publishBox(draft.published),
    ...nameAndMessage(draft, 'Public resolution message'),
    context('Publishing the resolution returns its components to operational on the status page.'),
  ];
}

/** `/incident statuspage`: a publication on its own, for the current incident. */
export function publishModal(incident: Incident, draft: PublishDraft): ModalView {
  return modal({
    callbackId: CALLBACK.publish,
    title: 'Status page',
    submit: 'Publish',
    metadata: { incidentId: incident.id, channelId: incident.channelId } satisfies IncidentModalMetadata,
    blocks: [
      context(`Publish to the status page for ${incidentRef(incident)}. Customers see only what this form says.`),
      selectInput(
        FIELD.publicStatus,
        PUBLIC_STATUSES.map((s) => option(PUBLIC_LABELS[s], s)),
        { label: 'Public status', initial: draft.status },
      ),
      ...nameAndMessage(draft, 'Public message'),
      ...componentSelects(draft),
    ],
  });
}
