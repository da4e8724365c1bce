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

/** Which notice a post is (the stored row's id), and whether an earlier attempt may have posted it. */
export interface NoticeKey {
  noticeId: number;
  mayExist: boolean;
}

/** What the alerts domain needs from the chat platform (Slack implements it in src/slack/adapters/alerts-poster.ts). */
export interface AlertsPort {
  /**
   * Posts the notice with a button that opens the declare form pre-filled, at most once per key:
   * with `mayExist`, or after a failure that leaves it open, a post already made is found instead.
   */
  notify(notice: AlertNotice, key: NoticeKey): Promise<void>;
  /** A note in the incident's channel that its source reports these alerts resolved. */
  postResolvedNote(incident: Incident, note: { source: string; alertNames: string[] }): Promise<void>;
}
