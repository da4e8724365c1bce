import { randomUUID } from 'node:crypto';
import type { Store, Tx } from '../store';
import type { NewTimelineEntry } from '../timeline/timeline.types';
import { eventBody, eventOf } from './event-body';
import type { Webhook } from './webhooks.config';

export interface OutboxWriterOptions {
  webhooks: Webhook[];
  /** Called after an event is queued (inside the change's transaction): wake the sender, later. */
  onQueued?: () => void;
  newId?: () => string;
}

/** The receivers an event goes to: those asking for its type, and for a private incident only private ones. */
export function receiversOf(webhooks: Webhook[], type: string, isPrivate: boolean): Webhook[] {
  return webhooks.filter(
    (w) => (w.events === undefined || (w.events as string[]).includes(type)) && (!isPrivate || w.private),
  );
}

/**
 * Events out are written beside the timeline entry that records the change, in the same
 * transaction: a change rolled back queues nothing, and a change made is never left unreported.
 * The use-cases update the incident before they record the entry, so the incident read here is
 * the incident after the change. An entry recorded once already (a redelivered request) queues nothing.
 */
export function publishingTimeline(store: Store, options: OutboxWriterOptions): Store {
  if (options.webhooks.length === 0) return store;
  const newId = options.newId ?? (() => `evt_${randomUUID()}`);
  const publish = async (tx: Tx, entry: NewTimelineEntry): Promise<void> => {
    const event = eventOf(entry);
    if (!event) return;
    const incident = await tx.incidents.get(entry.incidentId);
    if (!incident) return;
    const receivers = receiversOf(options.webhooks, event.type, incident.isPrivate);
    if (receivers.length === 0) return;
    const id = newId();
    const body = eventBody({ id, type: event.type, entry, incident, change: event.change });
    await tx.webhookOutbox.enqueue(
      { eventId: id, incidentId: incident.id, type: event.type, body, at: entry.at },
      receivers.map((w) => w.url),
    );
    options.onQueued?.();
  };
  // A transaction's work is given the publishing repositories too: most entries are written there.
  const publishing = <T extends Tx>(repositories: T): T => ({
    ...repositories,
    timeline: {
      ...repositories.timeline,
      append: (entry: NewTimelineEntry) =>
        repositories.transaction(async (tx) => {
          const id = await tx.timeline.append(entry);
          if (id !== undefined) await publish(tx, entry);
          return id;
        }),
    },
    transaction: (work) => repositories.transaction((tx) => work(publishing(tx))),
  });
  return publishing(store);
}
