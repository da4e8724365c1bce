import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import { postmortemsOverdueBlock } from './follow-through-lines';
import { incidentBlocks } from './incident-line';
import { context, section, type SlackMessage } from './kit';
import { escapeMrkdwn } from './text';

/** Slack takes 50 blocks in a message; two go to the heading and the closing hint. */
export const LIST_MAX_BLOCKS = 50;

/** `/incident list` (open incidents) and `/incident list all` (the last 30 days as well). */
export function incidentListMessage(list: {
  incidents: readonly Incident[];
  policy: Policy;
  now: number;
  all: boolean;
  /** Resolved incidents whose postmortem is overdue, shown at the end. */
  postmortemsOverdue?: readonly Incident[];
  /** Each listed incident's affected services, by name. */
  services?: ReadonlyMap<number, readonly string[]>;
  /** The service the list is filtered by (its catalog name). */
  service?: string;
}): SlackMessage {
  const { incidents, all } = list;
  const overdue = list.postmortemsOverdue?.length
    ? [postmortemsOverdueBlock([...list.postmortemsOverdue], list.policy)]
    : [];
  const affecting = list.service ? ` affecting ${escapeMrkdwn(list.service)}` : '';
  const what = `${all ? 'Incidents of the last 30 days' : 'Open incidents'}${affecting}`;
  if (incidents.length === 0) {
    const none = all
      ? `No incidents${affecting} in the last 30 days.`
      : `No open incidents${affecting}. \`/incident list all\` shows the last 30 days.`;
    return { text: none.replace(/`/g, ''), blocks: [section(none), ...overdue] };
  }
  const heading = section(`*${what}* (${incidents.length})${all ? ', newest first' : ''}`);
  const hint = context(
    all
      ? 'Open and resolved incidents; times are in your time zone.'
      : '`/incident list all` also shows those resolved in the last 30 days.',
  );
  const body = incidentBlocks(
    incidents,
    list.policy,
    list.now,
    LIST_MAX_BLOCKS - 2 - overdue.length,
    (n) => `…and ${n} more.`,
    list.services,
  );
  return { text: `${what}: ${incidents.length}`, blocks: [heading, ...body, hint, ...overdue] };
}
