import { z } from 'zod';
import type { Service } from './catalog.types';

export const SERVICE_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

const Url = z
  .string()
  .url('must be a URL such as https://wiki.example.com/runbooks/payments')
  .refine((text) => /^https?:\/\//i.test(text), 'must be an http or https URL');

/**
 * The `services:` policy key (or the same list in the file `catalogFile:` names). The Slack id
 * rules are the policy's own, passed in so every key reports the same messages.
 */
export function catalogSchema(parts: {
  userId: z.ZodType<string>;
  usergroupId: z.ZodType<string>;
  channelId: z.ZodType<string>;
}) {
  const ServiceSchema = z
    .strictObject({
      id: z.string().regex(SERVICE_ID, 'must be 1-40 lower-case letters, digits or - (e.g. payments)'),
      name: z.string().trim().min(1).max(60),
      description: z.string().max(300).default(''),
      /** A Slack user group id (S…). */
      owners: parts.usergroupId.nullable().default(null),
      users: z.array(parts.userId).max(50).default([]),
      oncall: z.string().trim().min(1).nullable().default(null),
      channel: parts.channelId.nullable().default(null),
      runbook: Url.nullable().default(null),
      dashboard: Url.nullable().default(null),
      tier: z.number().int().min(1).max(5).nullable().default(null),
      dependsOn: z.array(z.string()).max(50).default([]),
      public: z
        .strictObject({ name: z.string().trim().min(1).max(60), group: z.string().trim().min(1).max(60).optional() })
        .nullable()
        .default(null),
    })
    .transform(
      (s): Service => ({
        id: s.id,
        name: s.name,
        description: s.description,
        owners: { usergroup: s.owners, users: s.users },
        oncall: s.oncall,
        channel: s.channel,
        runbook: s.runbook,
        dashboard: s.dashboard,
        tier: s.tier,
        dependsOn: s.dependsOn,
        public: s.public ? { name: s.public.name, group: s.public.group ?? null } : null,
      }),
    );
  return z.array(ServiceSchema).max(500).default([]);
}

type Problem = { path: (string | number)[]; message: string };

/**
 * What the schema cannot see one service at a time: duplicate ids, a rotation or a dependency that
 * is not there, and a cycle in `dependsOn` (which would make "what else is hurt" endless).
 * `rotations` null: no policy names any (a catalog file checked alone), so `oncall` is not checked.
 */
export function catalogProblems(services: Service[], rotations: readonly string[] | null): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  services.forEach((service, i) => {
    if (ids.has(service.id)) problems.push({ path: ['services', i, 'id'], message: `"${service.id}" is used twice` });
    ids.add(service.id);
    if (rotations && service.oncall && !rotations.some((r) => r.toLowerCase() === service.oncall?.toLowerCase()))
      problems.push({ path: ['services', i, 'oncall'], message: `names no configured rotation ("${service.oncall}")` });
  });
  services.forEach((service, i) => {
    service.dependsOn.forEach((dependency, j) => {
      if (!ids.has(dependency))
        problems.push({
          path: ['services', i, 'dependsOn', j],
          message: `names no service in the catalog ("${dependency}")`,
        });
    });
  });
  const cycle = findCycle(services);
  if (cycle) {
    const at = services.findIndex((s) => s.id === cycle[0]);
    problems.push({ path: ['services', at, 'dependsOn'], message: `makes a cycle: ${cycle.join(' → ')}` });
  }
  return problems;
}

/** The first cycle in `dependsOn`, as the ids around it (first repeated at the end), or null. */
export function findCycle(services: readonly Pick<Service, 'id' | 'dependsOn'>[]): string[] | null {
  const byId = new Map(services.map((s) => [s.id, s]));
  const done = new Set<string>();
  const walk = (id: string, path: string[]): string[] | null => {
    const at = path.indexOf(id);
    if (at >= 0) return [...path.slice(at), id];
    if (done.has(id)) return null;
    for (const next of byId.get(id)?.dependsOn ?? []) {
      const found = walk(next, [...path, id]);
      if (found) return found;
    }
    done.add(id);
    return null;
  };
  for (const service of services) {
    const found = walk(service.id, []);
    if (found) return found;
  }
  return null;
}
