import { z } from 'zod';
import { findService } from '../../../catalog/catalog';
import type { Policy } from '../../../config/policy';

/** The chosen services of a form's multi-select (ids joined by commas), each one the catalog has. */
export const serviceIds = (policy: Policy) =>
  z
    .string()
    .optional()
    .transform((chosen) => (chosen ?? '').split(',').filter((id) => id !== ''))
    .refine((ids) => ids.every((id) => findService(policy.services, id)), 'Choose services from the list.');
