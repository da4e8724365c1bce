import { z } from 'zod';

/**
 * The `types:` policy key: the kinds of incident people declare (issue 26). The first is the
 * default. Two ids carry behaviour: `drill` (says DRILL everywhere, counted nowhere, pages no
 * rotation unless `drills.pageOncall`), and any type marked `private` (by default `security`)
 * makes the incident private.
 */
/**
 * The built-in types; the first is the default. A drill is runbook 003's quarterly "incident
 * response drill" and runbook 000's drill for new on-call engineers.
 */
export const DEFAULT_INCIDENT_TYPES = [
  { id: 'incident', name: 'Incident', description: '', private: false },
  { id: 'security', name: 'Security incident', description: 'Private channel; not announced publicly', private: true },
  {
    id: 'drill',
    name: 'Drill',
    description: 'A practice run: says DRILL everywhere and is counted nowhere',
    private: false,
  },
  { id: 'maintenance', name: 'Maintenance', description: 'Planned work that affects users', private: false },
];

export const incidentTypesSchema = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be 1-20 lower-case letters, digits or - (e.g. security)'),
      name: z.string().trim().min(1).max(40),
      description: z.string().max(150).default(''),
      /** Incidents of this type are private (channel, announcement, visibility), whatever the form says. */
      private: z.boolean().default(false),
    }),
  )
  .min(1, 'needs at least one type')
  .max(10, 'allows at most 10 types')
  .refine((list) => new Set(list.map((t) => t.id)).size === list.length, 'ids must be unique')
  .default(DEFAULT_INCIDENT_TYPES);

/** The `drills:` policy key: what a drill may do that a practice run usually should not. */
export const drillsSchema = z
  .strictObject({
    /** Whether a drill's escalation calls in an on-call rotation (its people are paged for practice). */
    pageOncall: z.boolean().default(false),
  })
  .default({ pageOncall: false });
