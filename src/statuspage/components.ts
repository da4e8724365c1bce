import type { Service } from '../catalog/catalog.types';
import type { Tx } from '../store';
import { type ComponentStatus, worse } from './statuspage.types';

/** A component of the page: a catalog service with `public:`. */
export interface Component {
  id: string;
  name: string;
  group: string | null;
  /** Its place on the page: the catalog's order. */
  position: number;
}

export function componentsOf(services: readonly Service[]): Component[] {
  return services
    .filter((s) => s.public !== null)
    .map((s, position) => ({
      id: s.id,
      name: s.public?.name ?? s.name,
      group: s.public?.group ?? null,
      position: position + 1,
    }));
}

/** Where a claim on a component comes from: an incident's publications or a maintenance window. */
export const incidentSource = (publicId: string) => `incident:${publicId}`;
export const maintenanceSource = (publicId: string) => `maintenance:${publicId}`;

/**
 * Sets what `source` says of each component, then writes each component's new status (the worst
 * of what all sources say) to its history where it changed. Returns the statuses before and after.
 */
export async function claimStatuses(
  tx: Pick<Tx, 'statusPage'>,
  source: string,
  statuses: ReadonlyArray<{ componentId: string; status: ComponentStatus }>,
  at: number,
): Promise<Array<{ componentId: string; before: ComponentStatus; after: ComponentStatus }>> {
  const current = await tx.statusPage.currentStatuses();
  const changes = [];
  for (const { componentId, status } of statuses) {
    await tx.statusPage.claim(componentId, source, status);
    const after = (await tx.statusPage.claimsOn(componentId)).reduce<ComponentStatus>(worse, 'operational');
    const before = current.get(componentId) ?? 'operational';
    if (after !== before) await tx.statusPage.recordStatus({ componentId, status: after, at });
    changes.push({ componentId, before, after });
  }
  await tx.statusPage.bumpVersion();
  return changes;
}
