import { z } from 'zod';
import { SERVICE_ID } from './catalog.config';

/**
 * The parts of a Backstage descriptor (backstage.io/docs/features/software-catalog/descriptor-format)
 * the import reads; everything else in it (tags, lifecycle, providesApis…) is left alone.
 */
const Link = z.object({
  url: z.string(),
  title: z.string().optional(),
  type: z.string().optional(),
  icon: z.string().optional(),
});

export const EntitySchema = z.object({
  kind: z.string({ error: 'is required (a Backstage descriptor names its kind, e.g. Component)' }).min(1),
  metadata: z.object(
    {
      name: z.string({ error: 'is required' }).min(1, 'is required'),
      namespace: z.string().optional(),
      title: z.string().optional(),
      description: z.string().optional(),
      annotations: z.record(z.string(), z.string()).optional(),
      links: z.array(Link).optional(),
    },
    { error: 'is required' },
  ),
  spec: z
    .object({
      type: z.string().optional(),
      owner: z.string().optional(),
      system: z.string().optional(),
      dependsOn: z.array(z.string()).optional(),
    })
    .optional(),
});

export type Entity = z.infer<typeof EntitySchema>;

export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * `[kind:][namespace/]name`, compared without regard to case as Backstage does. A ref without a
 * kind takes the field's own (Group for owner, System for system); without a namespace, that of
 * the entity it is written in.
 */
export function parseRef(ref: string, defaultKind: string, defaultNamespace: string): EntityRef {
  const colon = ref.indexOf(':');
  const kind = colon > 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon > 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  return {
    kind: kind.toLowerCase(),
    namespace: (slash > 0 ? rest.slice(0, slash) : defaultNamespace).toLowerCase(),
    name: (slash > 0 ? rest.slice(slash + 1) : rest).toLowerCase(),
  };
}

export const refOf = (entity: Entity): EntityRef => ({
  kind: entity.kind.toLowerCase(),
  namespace: (entity.metadata.namespace ?? 'default').toLowerCase(),
  name: entity.metadata.name.toLowerCase(),
});

export const showRef = (ref: EntityRef): string => `${ref.kind}:${ref.namespace}/${ref.name}`;

/**
 * The service id a Backstage name becomes: Backstage allows capitals, `_` and `.` and 63
 * characters; a service id is lower-case letters, digits and `-`, at most 40. Null when nothing is left.
 */
export function serviceIdOf(name: string): string | null {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return SERVICE_ID.test(id) ? id : null;
}
