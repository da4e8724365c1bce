import { describeIssues } from '../config/config.errors';
import { type Entity, EntitySchema, type EntityRef, parseRef, refOf, serviceIdOf, showRef } from './backstage-entity';
import { findCycle } from './catalog.config';

/** One document of a descriptor file; `source` names it in messages ("payments.yaml, document 2"). */
export interface Descriptor {
  source: string;
  entity: unknown;
}

/** A `services:` entry as it is written in the policy, keys left out when Backstage has nothing for them. */
export interface ServiceEntry {
  id: string;
  name: string;
  description?: string;
  runbook?: string;
  dashboard?: string;
  dependsOn?: string[];
}

/** The entry, with where it came from and what the operator still has to fill in (a YAML comment). */
export interface ImportedService {
  entry: ServiceEntry;
  comment: string;
}

/** A descriptor the import cannot read; the message is one line naming the file and the key. */
export class ImportError extends Error {}

const TECHDOCS = 'backstage.io/techdocs-ref';
const DASHBOARD = /dashboard|grafana|datadog|kibana|metrics|monitoring/i;
const RUNBOOK = /runbook|playbook/i;

const isWebUrl = (text: string) => /^https?:\/\//i.test(text) && URL.canParse(text);
const sameRef = (a: EntityRef, b: EntityRef) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

/** Shortened to what the catalog allows, on one line for a name. */
function shorten(text: string, max: number, oneLine = false): string {
  const clean = oneLine ? text.replace(/\s+/g, ' ').trim() : text.trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

interface Parsed {
  source: string;
  entity: Entity;
  ref: EntityRef;
  id: string;
}

/**
 * Backstage Components (and Systems) → the catalog's services. What has no place in the catalog is
 * said in `notes` rather than guessed: owners (Backstage groups are not Slack user groups), resources
 * and other kinds, dependencies on entities that are not imported, a TechDocs `dir:` ref.
 *
 * A System becomes a service of its own that depends on its components, as a business service sits
 * on technical ones: when a component is hurt, the system is too, and someone who only knows
 * "checkout is down" can name it.
 */
export function importBackstage(descriptors: readonly Descriptor[]): { services: ImportedService[]; notes: string[] } {
  const notes: string[] = [];
  const skipped: string[] = [];
  const all: Omit<Parsed, 'id'>[] = [];
  for (const { source, entity: raw } of descriptors) {
    const result = EntitySchema.safeParse(raw);
    if (!result.success) throw new ImportError(`${source}: ${describeIssues(result.error)}`);
    const entity = result.data;
    const ref = refOf(entity);
    const twice = all.find((p) => sameRef(p.ref, ref));
    if (twice) throw new ImportError(`${source}: ${showRef(ref)} is also in ${twice.source}`);
    all.push({ source, entity, ref });
  }

  const taken = new Map<string, Parsed>();
  const components: Parsed[] = [];
  for (const parsed of all.filter((p) => p.ref.kind === 'component')) {
    if (parsed.entity.spec?.type?.toLowerCase() === 'library') {
      notes.push(`${showRef(parsed.ref)}: skipped: a library is not something an incident can hurt`);
      continue;
    }
    const id = serviceIdOf(parsed.entity.metadata.name);
    if (!id)
      throw new ImportError(`${parsed.source}: metadata.name: "${parsed.entity.metadata.name}" gives no service id`);
    const other = taken.get(id);
    if (other)
      throw new ImportError(
        `${parsed.source}: ${showRef(parsed.ref)} and ${showRef(other.ref)} (${other.source}) would both be the service "${id}"`,
      );
    taken.set(id, { ...parsed, id });
    components.push({ ...parsed, id });
  }
  const systems: Parsed[] = [];
  for (const parsed of all.filter((p) => p.ref.kind === 'system')) {
    const id = serviceIdOf(parsed.entity.metadata.name);
    if (!id || taken.has(id)) {
      notes.push(`${showRef(parsed.ref)}: skipped: its id "${id}" is a component's`);
      continue;
    }
    taken.set(id, { ...parsed, id });
    systems.push({ ...parsed, id });
  }
  for (const { ref } of all) if (ref.kind !== 'component' && ref.kind !== 'system') skipped.push(showRef(ref));
  if (skipped.length > 0) notes.push(`skipped, not a Component or System: ${skipped.join(', ')}`);

  // In the order of the files, so the output reads like them.
  const included = [...components, ...systems];
  const services = all.flatMap(({ ref }): ImportedService[] => {
    const at = included.find((p) => p.ref === ref);
    if (!at) return [];
    const dependsOn = ref.kind === 'component' ? dependenciesOf(at, components, notes) : membersOf(at, components);
    return [{ entry: entryOf(at, dependsOn, notes), comment: commentOf(at) }];
  });
  breakCycles(services, notes);
  if (included.some((p) => p.entity.spec?.owner))
    notes.push(
      'owners left out: Backstage groups and users are not Slack ids (each service names its Backstage owner in a comment)',
    );
  return { services, notes };
}

function entryOf(at: Parsed, dependsOn: string[], notes: string[]): ServiceEntry {
  const { metadata } = at.entity;
  const entry: ServiceEntry = { id: at.id, name: shorten(metadata.title?.trim() || metadata.name, 60, true) };
  const description = metadata.description?.trim();
  if (description) entry.description = shorten(description, 300);
  const runbook = runbookOf(at, notes);
  if (runbook) entry.runbook = runbook;
  const dashboard = (metadata.links ?? []).find(
    (l) => isWebUrl(l.url) && [l.title, l.type, l.icon].some((t) => t && DASHBOARD.test(t)),
  );
  if (dashboard) entry.dashboard = dashboard.url;
  if (dependsOn.length > 0) entry.dependsOn = dependsOn;
  return entry;
}

/** A link titled as a runbook, else the TechDocs ref when it is a URL (a `dir:` ref is a path in the repository). */
function runbookOf(at: Parsed, notes: string[]): string | undefined {
  const link = (at.entity.metadata.links ?? []).find(
    (l) => isWebUrl(l.url) && [l.title, l.type].some((t) => t && RUNBOOK.test(t)),
  );
  if (link) return link.url;
  const techdocs = at.entity.metadata.annotations?.[TECHDOCS]?.trim();
  if (!techdocs) return undefined;
  const target = techdocs.startsWith('url:') ? techdocs.slice(4) : techdocs;
  if (isWebUrl(target)) return target;
  notes.push(`${showRef(at.ref)}: ${TECHDOCS} "${techdocs}" is not a URL: no runbook taken from it`);
  return undefined;
}

function dependenciesOf(at: Parsed, components: readonly Parsed[], notes: string[]): string[] {
  const ids: string[] = [];
  for (const written of at.entity.spec?.dependsOn ?? []) {
    const ref = parseRef(written, 'component', at.ref.namespace);
    const found = components.find((c) => sameRef(c.ref, ref));
    if (found && !ids.includes(found.id)) ids.push(found.id);
    else if (!found)
      notes.push(
        `${showRef(at.ref)}: dependsOn ${written} dropped: ${
          ref.kind === 'component' ? 'no such component in these files' : `a ${ref.kind} is not a service`
        }`,
      );
  }
  return ids;
}

/** A system's components: those whose `spec.system` names it. */
function membersOf(system: Parsed, components: readonly Parsed[]): string[] {
  return components
    .filter(
      (c) => c.entity.spec?.system && sameRef(parseRef(c.entity.spec.system, 'system', c.ref.namespace), system.ref),
    )
    .map((c) => c.id);
}

function commentOf(at: Parsed): string {
  const written = at.entity.spec?.owner?.trim();
  const from = `From ${showRef(at.ref)}`;
  if (!written) return from;
  const owner = parseRef(written, 'group', at.ref.namespace);
  const fill = owner.kind === 'user' ? 'users: to their Slack user ID (U…)' : 'owners: to its Slack user group ID (S…)';
  return `${from}, owned by ${showRef(owner)} in Backstage: set ${fill}`;
}

/** Backstage allows dependency cycles; the catalog does not, so the edge that closes each is dropped, and said. */
function breakCycles(services: ImportedService[], notes: string[]): void {
  for (;;) {
    const cycle = findCycle(services.map((s) => ({ id: s.entry.id, dependsOn: s.entry.dependsOn ?? [] })));
    if (!cycle) return;
    const [from, to] = cycle.slice(-2) as [string, string];
    const service = services.find((s) => s.entry.id === from) as ImportedService;
    const dependsOn = (service.entry.dependsOn ?? []).filter((id) => id !== to);
    if (dependsOn.length > 0) service.entry.dependsOn = dependsOn;
    else delete service.entry.dependsOn;
    notes.push(`${from}: dependsOn ${to} dropped: it closes a cycle (${cycle.join(' → ')})`);
  }
}
