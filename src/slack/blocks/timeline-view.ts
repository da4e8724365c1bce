import type { Policy } from '../../config/policy';
import type { Incident } from '../../incidents/incident.types';
import type { Followup, TimelineEntry } from '../../timeline/timeline.types';
import { readableSlackText } from '../text/slack-text';
import { ACTION, CALLBACK, FIELD } from './ids';
import { incidentRef, incidentRefPlain, severityLabel, statusLabel } from './incident-format';
import {
  actions,
  type Block,
  button,
  context,
  type ModalView,
  modal,
  option,
  section,
  selectInput,
  type SlackMessage,
} from './kit';
import { issueLink, trackerName } from './tracker-messages';
import { escapeMrkdwn, LIMITS, slackDate, truncate } from './text';
import { timelineEntryText } from './timeline-entry-text';

/** Entries shown by /incident timeline; more would not fit Slack's block and text limits. */
export const TIMELINE_SHOWN = 30;

type Names = (userId: string) => string | undefined;

/** User text for an ephemeral list: mentions as readable names, nothing that can ping. */
const shown = (text: string, names: Names, max: number) =>
  escapeMrkdwn(truncate(readableSlackText(text, { person: names }).replace(/\s+/g, ' '), max));

const who = (id: string | null, names: Names) => (id ? `*${escapeMrkdwn(names(id) ?? id)}*` : '_Commander_');

/** Packs lines into as few sections as fit the 3,000-character limit. */
function packed(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > LIMITS.sectionText) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

/** The per-entry menu of people who may change the incident: edit or remove that entry. */
const entryMenu = (entryId: number) => ({
  type: 'overflow' as const,
  action_id: ACTION.entryMenu,
  options: [option('Edit', `edit:${entryId}`), option('Remove', `remove:${entryId}`)],
});

export function timelineMessage(timeline: {
  incident: Incident;
  entries: TimelineEntry[];
  more: number;
  policy: Policy;
  names: Names;
  /** The reader may change the incident: each entry gets its own section with an Edit / Remove menu. */
  canChange?: boolean;
}): SlackMessage {
  const lines = timeline.entries.map((e) => {
    // A date token: each reader sees the time in their own zone (the fallback is in the configured one).
    const time = slackDate(e.at, timeline.policy.timezone, '{date_short} {time}');
    const icon = e.kind === 'message' ? '💬 ' : e.kind === 'note' ? '📝 ' : '';
    const link = e.kind === 'message' && e.data.permalink ? ` <${e.data.permalink}|view>` : '';
    return `${time} · ${who(e.actorId, timeline.names)} ${icon}${shown(timelineEntryText(e), timeline.names, 280)}${link}`;
  });
  const listed: Block[] = timeline.canChange
    ? lines.map((line, i) => ({
        ...section(line),
        block_id: `entry_${timeline.entries[i]?.id}`,
        accessory: entryMenu(timeline.entries[i]?.id as number),
      }))
    : packed(lines);
  const blocks = [section(`🗒️ *Timeline of ${incidentRef(timeline.incident)}*`), ...listed];
  if (timeline.more > 0)
    blocks.push(
      context(
        `${timeline.more} earlier ${timeline.more === 1 ? 'entry is' : 'entries are'} not shown. \`/incident postmortem\` has the whole timeline.`,
      ),
    );
  if (timeline.entries.length === 0) blocks.push(context('Nothing recorded yet.'));
  return { text: `Timeline of #${timeline.incident.id}`, blocks };
}

/** Create issue buttons shown at most; Slack allows 50 blocks in a message. */
const ISSUE_BUTTONS = 10;

/** A follow-up's due date, and whether it is past. */
const dueText = (f: Followup, now: number, tz: string) => {
  if (f.dueAt === null) return 'no due date';
  const when = `due ${slackDate(f.dueAt, tz, '{date_short_pretty}')}`;
  return !f.doneAt && f.dueAt < now ? `*${when} · overdue*` : when;
};

export function followupsMessage(
  incident: Incident,
  followups: Followup[],
  names: Names,
  clock: { now: number; timezone: string } = { now: 0, timezone: 'UTC' },
  /** The tracker new issues go to, when follow-ups get theirs by button; null: no buttons. */
  tracker: string | null = null,
): SlackMessage {
  if (followups.length === 0) {
    return {
      text: 'No follow-ups yet',
      blocks: [
        section(
          `No follow-up actions for ${incidentRef(incident)} yet. Add one with \`/incident followup <what> [@owner]\`.`,
        ),
      ],
    };
  }
  const lines = followups.map(
    (f, i) =>
      `${f.doneAt ? '✅' : '◻️'} ${i + 1}. ${shown(f.text, names, 500)} — ${f.ownerId ? `<@${f.ownerId}>` : '_no owner_'} · ${dueText(f, clock.now, clock.timezone)} · ${f.doneAt ? 'done' : 'open'}${f.issue ? ` · ${issueLink(f)}` : ''}`,
  );
  // A block per button: action ids must differ within a block, and one id routes them all.
  const buttons = tracker
    ? followups
        .map((f, i) => ({ f, number: i + 1 }))
        .filter(({ f }) => !f.issue && !f.doneAt)
        .slice(0, ISSUE_BUTTONS)
        .map(({ f, number }) =>
          actions(
            `followup_issue_${f.id}`,
            button(`Create ${trackerName(tracker)} issue for ${number}`, ACTION.followupCreateIssue, String(f.id)),
          ),
        )
    : [];
  return {
    text: `Follow-ups of #${incident.id}`,
    blocks: [section(`📌 *Follow-up actions for ${incidentRef(incident)}*`), ...packed(lines), ...buttons],
  };
}

/** Chooses the incident for a message captured outside any incident channel. */
/** The reply to `/incident done <n>`. */
export const followupDoneText = (number: number, followup: Followup, changed: boolean, names: Names): string =>
  `${changed ? `✅ Follow-up ${number} is done` : `Follow-up ${number} was already done`}: ${shown(followup.text, names, 200)}`;

export function pickIncidentModal(incidents: Incident[], policy: Policy, token: string): ModalView {
  return modal({
    callbackId: CALLBACK.pickIncident,
    title: 'Add to timeline',
    submit: 'Add',
    metadata: { token },
    blocks: [
      selectInput(
        FIELD.incident,
        incidents
          .slice(0, 100)
          .map((i) =>
            option(
              incidentRefPlain(i, 60),
              String(i.id),
              `${severityLabel(policy, i.severity)} · ${statusLabel(i.status)}`,
            ),
          ),
        { label: 'Which incident?' },
      ),
    ],
  });
}

export const capturedView = (incident: Incident, created: boolean): ModalView =>
  modal({
    title: 'Add to timeline',
    close: 'Close',
    blocks: [
      section(
        created
          ? `✅ Added to the timeline of ${incidentRef(incident)}.`
          : `That message is already on the timeline of ${incidentRef(incident)}.`,
      ),
    ],
  });
