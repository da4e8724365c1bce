import { z } from 'zod';
import { findService } from '../../../catalog/catalog';
import { FIELD } from '../../blocks/ids';
import type { Service } from '../../../catalog/catalog.types';
import type { Policy } from '../../../config/policy';

/** The chosen services of a form's multi-select (ids joined by commas), each one the catalog has. */
export const serviceIds = (policy: Policy) =>
  z
    .string()
    .optional()
    .transform((chosen) => (chosen ?? '').split(',').filter((id) => id !== ''))
    .refine((ids) => ids.every((id) => findService(policy.services, id)), 'Choose services from the list.');

/** The catalog's services among a form's chosen ids (as readInputs gives them), in the order chosen. */
export const servicesNamedIn = (policy: Policy, chosen: string | undefined): Service[] =>
  (chosen ?? '')
    .split(',')
    .map((id) => findService(policy.services, id))
    .filter((s): s is Service => s !== undefined);

const ShownBlocks = z.array(
  z.looseObject({
    block_id: z.string().optional(),
    element: z.looseObject({ initial_options: z.array(z.looseObject({ value: z.string() })).optional() }).optional(),
  }),
);

/**
 * The services a submitted form showed as chosen when it opened (its services field's initial
 * options, which Slack sends back with the view); undefined when the form had no such field.
 */
export function shownServices(blocks: unknown): string[] | undefined {
  const parsed = ShownBlocks.safeParse(blocks);
  if (!parsed.success) return undefined;
  const field = parsed.data.find((b) => b.block_id === FIELD.services);
  return field ? (field.element?.initial_options ?? []).map((o) => o.value) : undefined;
}
