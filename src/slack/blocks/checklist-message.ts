import type { ChecklistItem, IncidentChecklists } from '../../checklists/checklist.types';
import type { Blocker } from '../../checklists/resolve-check';
import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import { ACTION } from './ids';
import { incidentRefPlain } from './incident-format';
import { type Block, button, context, section, type SlackMessage } from './kit';
import { escapeMrkdwn, notificationText, safeMrkdwn, slackDate } from './text';

/** Slack allows 50 blocks in a message: the head, a block per list and per item, and a last line. */
const MAX_BLOCKS = 50;

/** A link in mrkdwn; the URL is the policy's (checked as http(s) at start-up). */
const link = (url: string) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|link>`;

/** What a Done or Undo button carries: the item and what the click asks for, so a redelivered click repeats nothing. */
export const tickValue = (item: ChecklistItem, done: boolean): string => JSON.stringify({ item: item.id, done });

/** The owner of an item as a reader wants it: the person named, else the role with whoever holds it. */
function ownerOf(item: ChecklistItem, incident: Incident, policy: Policy): string {
  if (item.ownerId) return `<@${item.ownerId}>`;
  if (!item.role) return '';
  const role = policy.roles.find((r) => r.id === item.role);
  const holder = item.role === 'commander' ? incident.commanderId : incident.roles[item.role];
  return `_${escapeMrkdwn(role?.name ?? item.role)}_${holder ? ` (<@${holder}>)` : ''}`;
}

/** One item as a line: its state, text, owner, link and, once ticked, who ticked it and when. */
export function itemLine(item: ChecklistItem, incident: Incident, policy: Policy): string {
  const text = safeMrkdwn(item.text, 300);
  const parts = [
    item.tickedAt === null ? `⬜ ${text}` : `✅ ~${text}~`,
    item.required ? '*required*' : '',
    ownerOf(item, incident, policy),
    item.link ? link(item.link) : '',
  ].filter(Boolean);
  const ticked =
    item.tickedAt !== null && item.tickedBy
      ? `\ndone by <@${item.tickedBy}> ${slackDate(item.tickedAt, policy.timezone)}`
      : '';
  return `${parts.join(' · ')}${ticked}`;
}

const itemBlock = (item: ChecklistItem, incident: Incident, policy: Policy): Block => ({
  type: 'section',
  block_id: `checklist_item:${item.id}`,
  text: { type: 'mrkdwn', text: itemLine(item, incident, policy) },
  accessory:
    item.tickedAt === null
      ? button('Done', ACTION.checklistTick, tickValue(item, true), 'primary')
      : button('Undo', ACTION.checklistTick, tickValue(item, false)),
});

/** The lists as titled groups of items, ad-hoc items last. */
const groups = (checklists: IncidentChecklists) => [
  ...checklists.lists.map((list) => ({
    title: `*${escapeMrkdwn(list.title)}*${list.onResolve === 'refuse' ? ' (required items must be done to resolve)' : ''}`,
    items: list.items,
  })),
  ...(checklists.adHoc.length > 0 ? [{ title: '*Tasks added in the channel*', items: checklists.adHoc }] : []),
];

/**
 * The checklist message in the incident channel, kept current: each list, an item per line with
 * its owner, link and a Done (or Undo) button. Past Slack's 50 blocks, the rest is counted and
 * left to `/incident tasks`.
 */
export function checklistMessage(incident: Incident, checklists: IncidentChecklists, policy: Policy): SlackMessage {
  const all = groups(checklists);
  const total = all.reduce((n, g) => n + g.items.length, 0);
  const done = all.reduce((n, g) => n + g.items.filter((i) => i.tickedAt !== null).length, 0);
  const blocks: Block[] = [section(`☑️ *Checklists* · ${done} of ${total} done`)];
  let left = 0;
  for (const group of all) {
    if (blocks.length >= MAX_BLOCKS - 2) {
      left += group.items.length;
      continue;
    }
    blocks.push(section(group.title));
    for (const item of group.items) {
      if (blocks.length >= MAX_BLOCKS - 1) left += 1;
      else blocks.push(itemBlock(item, incident, policy));
    }
  }
  if (left > 0) blocks.push(context(`${left} more: \`/incident tasks\` lists every item.`));
  return { text: notificationText(`Checklists for ${incidentRefPlain(incident)}: ${done} of ${total} done`), blocks };
}

/** `/incident tasks`: every item as a line, for the person who asked. */
export function checklistText(incident: Incident, checklists: IncidentChecklists, policy: Policy): string {
  const all = groups(checklists);
  if (all.length === 0)
    return `No checklists are attached to ${escapeMrkdwn(incidentRefPlain(incident))}. \`/incident task add <text>\` adds a task.`;
  return all.map((g) => [g.title, ...g.items.map((i) => `• ${itemLine(i, incident, policy)}`)].join('\n')).join('\n\n');
}

/** The resolve form's note on required items left undone: named, and whether they block resolving. */
export function unfinishedNote(blockers: { refuse: Blocker[]; warn: Blocker[] }): Block[] {
  const lines = (items: Blocker[]) =>
    items.map((b) => `• ${safeMrkdwn(b.text, 200)} (${escapeMrkdwn(b.list)})`).join('\n');
  return [
    ...(blockers.refuse.length > 0
      ? [section(`🚫 *These required checklist items must be done before resolving:*\n${lines(blockers.refuse)}`)]
      : []),
    ...(blockers.warn.length > 0
      ? [section(`⚠️ *Required checklist items not done yet:*\n${lines(blockers.warn)}`)]
      : []),
  ];
}
