import { z } from 'zod';
import { OUTAGE_STATUSES, type OutageStatus } from '../../../statuspage/statuspage.types';
import { COMPONENT_FIELD, FIELD, PUBLISH_OPTION } from '../../blocks/ids';
import type { ListenerDeps } from '../deps';
import { IncidentMetadata, optionalText, parseMetadata, readInputs } from './view-state';
import { within } from './within';

/** The status page part of the update and resolve forms (blocks/publish-fields.ts). */
export const PublishPart = {
  [FIELD.publish]: z.string().optional(),
  [FIELD.publicName]: optionalText,
  [FIELD.publicMessage]: optionalText,
};

export const wantsPublish = (data: { [FIELD.publish]?: string | undefined }): boolean =>
  (data[FIELD.publish] ?? '').split(',').includes(PUBLISH_OPTION);

type Values = Parameters<typeof readInputs>[0];
const Outage = z.enum(OUTAGE_STATUSES);

/** The status chosen for each `component:<id>` select; a value that is no status is a field error. */
export function componentStatuses(values: Values): {
  statuses: Record<string, OutageStatus>;
  errors: Record<string, string>;
} {
  const statuses: Record<string, OutageStatus> = {};
  const errors: Record<string, string> = {};
  for (const [blockId, value] of Object.entries(readInputs(values))) {
    if (!blockId.startsWith(COMPONENT_FIELD)) continue;
    const status = Outage.safeParse(value);
    if (status.success) statuses[blockId.slice(COMPONENT_FIELD.length)] = status.data;
    else errors[blockId] = 'Choose a status.';
  }
  return { statuses, errors };
}

/**
 * Field errors of a publication, before the form closes: who may publish (a private incident or a
 * drill never, whatever the submission says), a message, and a public name the first time. The
 * refusal waits at most the acknowledgement budget; the publication checks again after.
 */
export async function publishErrors(
  deps: ListenerDeps,
  form: { values: Values; metadata: string | undefined; userId: string; refusalField: string },
  data: { [FIELD.publicName]: string; [FIELD.publicMessage]: string },
): Promise<Record<string, string> | undefined> {
  const errors: Record<string, string> = { ...componentStatuses(form.values).errors };
  const metadata = parseMetadata(IncidentMetadata, form.metadata);
  const refusal = metadata
    ? await within(deps.ackBudgetMs, deps.statusPage.refusal(metadata.incidentId, form.userId))
    : undefined;
  if (refusal) errors[form.refusalField] = refusal.message;
  if (data[FIELD.publicMessage] === '') errors[FIELD.publicMessage] = 'Write the message customers will see.';
  if (FIELD.publicName in form.values && data[FIELD.publicName] === '')
    errors[FIELD.publicName] = 'The first publication needs a public name for the incident.';
  return Object.keys(errors).length > 0 ? errors : undefined;
}
