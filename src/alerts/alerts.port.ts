import type { Incident } from '../incidents/incident.types';

/** An alert a route sends to a channel for people to decide on, with what the declare form would hold. */
export interface AlertNotice {
  source: string;
  channelId: string;
  title: string;
  severity: string;
  description: string;
  link: string | null;
  /** The alerts of the group that are newly firing. */
  alertNames: string[];
}

/** What the alerts domain needs from the chat platform (Slack implements it in src/slack/alerts). */
export interface AlertsPort {
  /** Posts the notice with a button that opens the declare form pre-filled. */
  notify(notice: AlertNotice): Promise<void>;
  /** A note in the incident's channel that its source reports these alerts resolved. */
  postResolvedNote(incident: Incident, note: { source: string; alertNames: string[] }): Promise<void>;
}
