import type { Incident } from '../../src/incidents/incident.types';

export const T0 = Date.UTC(2026, 10, 24, 9, 0);

/** An open, public SEV1 incident declared at T0; tests override what they are about. */
export function anIncident(o: Partial<Incident> = {}): Incident {
  return {
    id: 12,
    title: 'Checkout errors',
    severity: 'SEV1',
    status: 'investigating',
    impact: 'EU customers cannot pay',
    commanderId: 'UBOB',
    declaredBy: 'UALICE',
    declaredAt: T0,
    resolvedAt: null,
    resolution: null,
    rootCause: null,
    lastUpdateAt: null,
    channelId: 'CINC12',
    channelName: 'inc-12-checkout-errors',
    kickoffTs: null,
    announcementTs: null,
    setupDoneAt: T0,
    sourceViewId: null,
    roles: {},
    isPrivate: false,
    archiveDueAt: null,
    archivedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    type: 'incident',
    retroactive: false,
    ...o,
  };
}
