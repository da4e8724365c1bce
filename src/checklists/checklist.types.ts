import type { OnResolve } from './checklists.config';

/** The list id of items added in the channel (`/incident task add`) rather than from the policy. */
export const AD_HOC = '';

/** A list as attached to an incident: copied from the policy at that moment. */
export interface AttachedList {
  incidentId: number;
  listId: string;
  title: string;
  onResolve: OnResolve;
  attachedAt: number;
  /** Who made the change that attached it; null: Commander itself (a declaration from an alert). */
  attachedBy: string | null;
}

export interface ChecklistItem {
  id: number;
  incidentId: number;
  /** AD_HOC for items added in the channel. */
  listId: string;
  place: number;
  text: string;
  link: string | null;
  /** The policy role that owns it. */
  role: string | null;
  /** The person who owns it (an ad-hoc item's @owner). */
  ownerId: string | null;
  required: boolean;
  addedBy: string | null;
  tickedAt: number | null;
  tickedBy: string | null;
}

/** An incident's checklists as shown anywhere: each list with its items, ad-hoc items last. */
export interface IncidentChecklists {
  lists: Array<AttachedList & { items: ChecklistItem[] }>;
  adHoc: ChecklistItem[];
}
