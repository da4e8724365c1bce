import { randomUUID } from 'node:crypto';
import type { Service } from '../catalog/catalog.types';
import type { EntryListener } from '../timeline/record';
import { eventBody, eventOf } from './event-body';
import type { Webhook } from './webhooks.config';

export interface OutboxWriterOptions {
  webhooks: Webhook[];
  /** Called once the change's transaction has committed with an event queued: wake the sender. */
  onQueued?: () => void;
  newId?: () => string;
  /** The service catalog, to name an incident's affected services in its events. */
  catalog?: readonly Service[];
}

/** The receivers an event goes to: those asking for its type, and for a private incident only private ones. */
export function receiversOf(webhooks: Webhook[], type: string, isPrivate: boolean): Webhook[] {
  return webhooks.filter(
    (w) => (w.events === undefined || (w.events as string[]).includes(type)) && (!isPrivate || w.private),
  );
}

/**
 * Events out are written beside the timeline entry that records the change, in the same
 * transaction (the recorder's listener, src/timeline/record.ts): a change rolled back queues
 * nothing, and a change made is never left unreported. The use-cases update the incident before
 * they record the entry, so the incident read here is the incident after the change. An entry
 * recorded once already (a redelivered request) is not heard of. Undefined: no receivers, so
 * nothing to listen for.
 */
export function queueingWebhookEvents(options: OutboxWriterOptions): EntryListener | undefined {
  if (options.webhooks.length === 0) return undefined;
  const newId = options.newId ?? (() => `evt_${randomUUID()}`);
  return async (entry, tx) => {
    const event = eventOf(entry);
    if (!event) return;
    const incident = await tx.incidents.get(entry.incidentId);
    if (!incident) return;
    const receivers = receiversOf(options.webhooks, event.type, incident.isPrivate);
    if (receivers.length === 0) return;
    const id = newId();
    const services = (await tx.incidentServices.of(incident.id)).map((serviceId) => ({
      id: serviceId,
      name: options.catalog?.find((s) => s.id === serviceId)?.name ?? serviceId,
    }));
    const body = eventBody({ id, type: event.type, entry, incident, services, change: event.change });
    await tx.webhookOutbox.enqueue(
      { eventId: id, incidentId: incident.id, type: event.type, body, at: entry.at },
      receivers.map((w) => w.url),
    );
    // After the commit: a sender woken inside the transaction would look before the event is there to see.
    if (options.onQueued) tx.afterCommit(options.onQueued);
  };
}
