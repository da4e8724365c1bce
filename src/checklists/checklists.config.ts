import { z } from 'zod';

export const ON_RESOLVE = ['warn', 'refuse'] as const;
export type OnResolve = (typeof ON_RESOLVE)[number];

const Url = z
  .string()
  .url('must be a URL such as https://grafana.example.com/d/slo')
  .refine((text) => /^https?:\/\//i.test(text), 'must be an http or https URL');

/** One id or a list of them (any of); written either way in YAML. */
const AnyOf = z
  .union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1).max(50)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

/** When a list applies to an incident: every key given must match; a key's list means any of. */
const WhenSchema = z
  .strictObject({
    severity: AnyOf.optional(),
    service: AnyOf.optional(),
    type: AnyOf.optional(),
    private: z.boolean().optional(),
  })
  .default({});

export type ChecklistCondition = z.infer<typeof WhenSchema>;

const ItemSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(200),
    link: Url.nullable().default(null),
    /** The policy role that owns the item (shown beside it). */
    role: z.string().trim().min(1).nullable().default(null),
    /** An unticked required item is named when the incident is resolved (onResolve). */
    required: z.boolean().default(false),
  })
  .transform((item) => ({ ...item, role: item.role === null ? null : item.role.toLowerCase() }));

const ListSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be 1-40 lower-case letters, digits, - or _ (e.g. investigate)'),
  title: z.string().trim().min(1).max(80),
  when: WhenSchema,
  /** Wins over the top-level onResolve for this list's required items. */
  onResolve: z.enum(ON_RESOLVE).nullable().default(null),
  // The checklist message shows every item as a block; Slack allows 50 blocks in a message.
  items: z.array(ItemSchema).min(1, 'needs at least one item').max(30, 'allows at most 30 items'),
});

export type ChecklistItemConfig = z.infer<typeof ItemSchema>;
export type ChecklistConfig = z.infer<typeof ListSchema>;

/**
 * The `checklists:` policy key (src/checklists): lists attached to incidents when their condition
 * holds, and what resolving does with required items left unticked. Left out, the runbooks' lists
 * (checklists.defaults.ts) apply.
 */
export const checklistsSchema = z.strictObject({
  onResolve: z.enum(ON_RESOLVE).default('warn'),
  lists: z
    .array(ListSchema)
    .max(20, 'allows at most 20 lists')
    .refine((lists) => new Set(lists.map((l) => l.id)).size === lists.length, 'ids must be unique')
    .default([]),
});

export type ChecklistsPolicy = z.infer<typeof checklistsSchema>;

type Problem = { path: (string | number)[]; message: string };

/** The ids the rest of the policy defines, which a checklist may name. */
export interface KnownIds {
  severities: readonly string[];
  services: readonly string[];
  types: readonly string[];
  roles: readonly string[];
}

const KEYS = [
  ['severity', 'severities', 'severity'],
  ['service', 'services', 'service in the catalog'],
  ['type', 'types', 'incident type'],
] as const;

/** What no field shows alone: a condition or an item naming a severity, service, type or role the policy lacks. */
export function checklistsProblems(checklists: ChecklistsPolicy, known: KnownIds): Problem[] {
  const problems: Problem[] = [];
  checklists.lists.forEach((list, i) => {
    for (const [key, kind, noun] of KEYS) {
      const ids = known[kind];
      (list.when[key] ?? []).forEach((id, j) => {
        const found = key === 'severity' ? ids.some((s) => s.toUpperCase() === id.toUpperCase()) : ids.includes(id);
        if (!found)
          problems.push({
            path: ['checklists', 'lists', i, 'when', key, j],
            message: `names no ${noun} ("${id}"; the policy has ${ids.join(', ') || 'none'})`,
          });
      });
    }
    list.items.forEach((item, j) => {
      if (item.role !== null && !known.roles.includes(item.role))
        problems.push({
          path: ['checklists', 'lists', i, 'items', j, 'role'],
          message: `names no role ("${item.role}"; the policy has ${known.roles.join(', ')})`,
        });
    });
  });
  return problems;
}
