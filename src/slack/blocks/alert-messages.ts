import { z } from 'zod';
import type { AlertNotice } from '../../alerts/alerts.port';
import type { Incident } from '../../incidents/incident.types';
import { cutText } from '../../text/cut-text';
import { ACTION } from './ids';
import { actions, button, context, section, type SlackMessage } from './kit';
import { escapeMrkdwn, notificationText, plain, truncate } from './text';

/** Slack's limit on a button's value. */
const VALUE_MAX = 2000;

/** What the Declare button carries to the form: read back with zod, as anything from Slack is. */
export const DeclarePrefill = z.object({
  t: z.string().max(150),
  s: z.string().max(40),
  i: z.string().max(VALUE_MAX),
});
export type DeclarePrefill = z.infer<typeof DeclarePrefill>;

function prefillValue(notice: AlertNotice): string {
  let impact = notice.description;
  for (;;) {
    const value = JSON.stringify({
      t: cutText(notice.title, 150),
      s: notice.severity,
      i: impact,
    } satisfies DeclarePrefill);
    if (value.length <= VALUE_MAX) return value;
    impact = cutText(impact, Math.max(0, impact.length - (value.length - VALUE_MAX) - 1));
  }
}

const safeLink = (url: string | null) => (url && /^https?:\/\/[^\s<>|]+$/.test(url) ? url : null);

/** An alert a route sends to people, with a button to declare an incident from it. */
export function alertNoticeMessage(notice: AlertNotice): SlackMessage {
  const link = safeLink(notice.link);
  const names = notice.alertNames.map((n) => escapeMrkdwn(truncate(n, 80))).join(', ');
  const blocks = [
    section(
      `🔔 *${escapeMrkdwn(truncate(notice.title, 150))}*${notice.description ? `\n${escapeMrkdwn(truncate(notice.description, 1500))}` : ''}`,
    ),
    context(
      `From *${escapeMrkdwn(notice.source)}* · suggested ${escapeMrkdwn(notice.severity)} · ${names}${link ? ` · <${link}|source>` : ''}`,
    ),
    actions('alert_actions', button('Declare incident', ACTION.alertDeclare, prefillValue(notice), 'primary')),
  ];
  return { text: notificationText(`Alert from ${plain(notice.source, 40)}: ${plain(notice.title, 150)}`), blocks };
}

/** The note in an incident's channel when its alert source reports alerts resolved; the incident stays open. */
export function alertResolvedNote(incident: Incident, note: { source: string; alertNames: string[] }): SlackMessage {
  const names = note.alertNames.map((n) => escapeMrkdwn(truncate(n, 80))).join(', ');
  return {
    text: notificationText(`${plain(note.source, 40)} reports resolved: ${plain(note.alertNames.join(', '), 200)}`),
    blocks: [
      section(`✅ *${escapeMrkdwn(note.source)}* reports resolved: ${names}`),
      context(`The incident stays open until someone resolves it with \`/incident resolve\` (#${incident.id}).`),
    ],
  };
}
