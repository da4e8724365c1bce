import { z } from 'zod';
import { cleanText, hasVisibleText } from '../../../text/clean-text';
import { isTimeZone } from '../../../text/zoned-time';
import { INPUT_ACTION } from '../../blocks/ids';

type StateValues = Record<
  string,
  Record<
    string,
    {
      type: string;
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: Array<{ value: string }> | null;
      selected_user?: string | null;
      /** A datetimepicker's choice, in unix seconds. */
      selected_date_time?: number | null;
    }
  >
>;

/** Flattens a submitted view's state into { blockId: value } for the one input in each block. */
export function readInputs(values: StateValues): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const element = actions[INPUT_ACTION];
    if (!element) continue;
    if (element.type === 'checkboxes' || element.type.startsWith('multi_')) {
      out[blockId] = (element.selected_options ?? []).map((option) => option.value).join(',');
      continue;
    }
    if (element.type === 'datetimepicker') {
      out[blockId] = typeof element.selected_date_time === 'number' ? String(element.selected_date_time) : undefined;
      continue;
    }
    // Typed text is cleaned here, once, for every form (cleanText).
    out[blockId] =
      typeof element.value === 'string'
        ? cleanText(element.value)
        : (element.selected_option?.value ?? element.selected_user ?? undefined);
  }
  return out;
}

/**
 * Validates view inputs with a zod schema; failures come back keyed by input block id, the shape
 * `response_action: 'errors'` needs, so the modal shows them under the field.
 */
export function parseInputs<S extends z.ZodType>(
  schema: S,
  values: StateValues,
): { ok: true; data: z.infer<S> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(readInputs(values));
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** private_metadata is ours but still arrives over the wire: parse it, never trust it. */
export function parseMetadata<S extends z.ZodType>(schema: S, raw: string | undefined): z.infer<S> | undefined {
  try {
    const result = schema.safeParse(JSON.parse(raw || '{}'));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A form whose times are read in the zone it was shown in (record, maintenance): the zone from its
 * metadata, then its inputs checked by the schema made for that zone. Refusals are acked under the
 * fields (an unreadable zone under `firstField`) and nothing comes back.
 */
export async function readZonedForm<S extends z.ZodType>(
  view: { private_metadata?: string; state: { values: StateValues } },
  schemaFor: (tz: string) => S,
  ack: (answer: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>,
  firstField: string,
): Promise<{ tz: string; form: z.infer<S> } | undefined> {
  const metadata = parseMetadata(FormZone, view.private_metadata);
  if (!metadata) {
    await ack({ response_action: 'errors', errors: { [firstField]: 'Open the form again.' } });
    return undefined;
  }
  const parsed = parseInputs(schemaFor(metadata.tz), view.state.values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return undefined;
  }
  return { tz: metadata.tz, form: parsed.data };
}

/** An incident number as it arrives from Slack (a button's value, a form's metadata). */
export const IncidentId = z.coerce.number().int().positive();

/** The zone a form's times were shown and are read in (the reader's), kept in its metadata. */
export const FormZone = z.object({ tz: z.string().refine(isTimeZone) });

export const IncidentMetadata = z.object({ incidentId: IncidentId, channelId: z.string().nullable().optional() });

/** Required multi-line text: trimmed, and not blank or made only of invisible characters. */
export const requiredText = (message: string) =>
  z
    .string({ error: message })
    .transform((s) => s.trim())
    .pipe(z.string().refine(hasVisibleText, message));

export const optionalText = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim());
