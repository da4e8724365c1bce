import type { Incident, StatusUpdate } from '../incidents/incident.types';

/** What a subscription matches on: a catalog service, or a severity (and anything more severe). */
export type SubscriptionField = 'service' | 'severity';

/** A standing wish to follow future incidents that match (migrations/0031). */
export interface Subscription {
  id: number;
  userId: string;
  field: SubscriptionField;
  value: string;
  createdAt: number;
}

/** What a person follows: their standing subscriptions and the open incidents they follow. */
export interface Following {
  subscriptions: Subscription[];
  incidents: Array<{ incident: Incident; subscriptionId: number | null }>;
}

/** What a follower is told, as data: the chat side words it. */
export type FollowerNews =
  | { kind: 'update'; userId: string; incident: Incident; update: StatusUpdate }
  | { kind: 'followed'; userId: string; incident: Incident; subscription: Subscription | null };
