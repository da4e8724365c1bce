import type { Policy } from '../../config/policy';
import { defaultType } from '../../incidents/incident-types';
import { FIELD } from './ids';
import { option, selectInput } from './kit';

/**
 * The incident type's select, for the declare and record forms; none when the policy has one type
 * only (there is nothing to choose). A private type's description says so in the option.
 */
export function typeInput(policy: Policy, initial?: string) {
  if (policy.types.length < 2) return [];
  return [
    selectInput(
      FIELD.type,
      policy.types.map((t) => option(t.name, t.id, t.description || undefined)),
      { label: 'Type', initial: initial ?? defaultType(policy) },
    ),
  ];
}
