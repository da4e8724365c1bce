import type { Service } from './catalog.types';

/** The catalog's services by id, as the policy holds them. */
export function findService(services: readonly Service[], id: string): Service | undefined {
  const wanted = id.trim().toLowerCase();
  return services.find((s) => s.id === wanted);
}

/** The services whose team channel is `channelId` (a declaration from there pre-selects them). */
export function servicesOfChannel(services: readonly Service[], channelId: string): Service[] {
  return services.filter((s) => s.channel === channelId);
}
