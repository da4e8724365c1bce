import { z } from 'zod';
import type { Policy } from '../../../config/policy';
import { defaultType, findType } from '../../../incidents/incident-types';

/** The type select's value: the policy's default when the form had no select (one type configured). */
export const typeField = (policy: Policy) =>
  z
    .string()
    .optional()
    .transform((id) => id ?? defaultType(policy))
    .refine((id) => findType(policy, id) !== undefined, 'Choose one of the listed types.');
