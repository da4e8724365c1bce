import { defaultType, findType, isDrill } from '../incidents/incident-types';
import { formatInTimeZone } from '../text/zoned-time';
import { formatDuration } from '../config/duration';
import { findSeverity } from '../config/policy';
import { STATUS_LABELS } from '../incidents/incident.types';
import { KEY_TIME_LABELS, KEY_TIMES, keyDurations } from '../incidents/key-times';
import type { TimelineEntry } from '../timeline/timeline.types';
import { entrySentence, readableWith } from './entry-text';
import { escapeMarkdown, listItemText } from './markdown-text';
import type { PostmortemData } from './postmortem.types';
import { ganttChart } from './render-gantt';
import { minuteFormatter, secondFormatter } from './time-format';
import { timelineMarkdown } from './timeline-markdown';
import { checklistMarkdown } from './checklist-markdown';

const SUMMARY_PLACEHOLDER =
  '_Not written yet. In 2–3 sentences: what happened, who was affected and for how long, and how it ended._';
const TEAM_PLACEHOLDER = '_To be filled in by the team._';

/**
 * The postmortem as Markdown, in the order of runbook 003's template with the key times after the
 * summary. Yields the document in pieces so a timeline of any length is never built as one string.
 */
export async function* renderMarkdown(pm: PostmortemData): AsyncGenerator<string> {
  const { incident, policy } = pm;
  const tz = policy.timezone;
  const inZone = minuteFormatter(tz);
  const withSeconds = secondFormatter(tz);
  // Seconds only where there are some: a key time corrected to 01:31:30 keeps them.
  const time = (ms: number | null) => (ms === null ? '—' : ms % 60_000 === 0 ? inZone(ms) : withSeconds(ms));
  const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
  const person = (id: string | null) => (id ? `@${escapeMarkdown(pm.names.person(id) ?? id)}` : 'Commander (bot)');
  const read = readableWith(pm.chat, pm.names);
  const prose = (typed: string) => escapeMarkdown(read(typed));
  const sentence = (entry: TimelineEntry) => listItemText(entrySentence(entry, pm.names, read, time));
  const severity = findSeverity(policy, incident.severity);
  const times = pm.keyTimes;
  const durations = keyDurations(times);
  const open = incident.resolvedAt === null;
  const start = times.impactStarted ?? incident.declaredAt;

  const drill = isDrill(incident) ? '[DRILL] ' : '';
  yield `# Postmortem: #${incident.id} ${drill}${escapeMarkdown(incident.title.replace(/\s+/g, ' '))}\n\n`;
  if (open) yield `> **Draft** — the incident is still open (${STATUS_LABELS[incident.status]}).\n\n`;
  yield '| | |\n| --- | --- |\n';
  yield `| Date | ${formatInTimeZone(start, tz, 'yyyy-MM-dd')} |\n`;
  yield `| Duration | ${open ? `${duration(pm.generatedAt - start)} so far` : duration(durations.toResolve)} |\n`;
  yield `| Severity | ${escapeMarkdown(severity ? `${severity.id} · ${severity.name}` : incident.severity)} |\n`;
  yield `| Status | ${STATUS_LABELS[incident.status]} |\n`;
  yield `| Commander | ${person(incident.commanderId)} |\n`;
  yield `| Author | ${person(pm.authorId)} |\n`;
  for (const role of policy.roles) {
    const holder = role.id === 'commander' ? undefined : incident.roles[role.id];
    if (holder) yield `| ${escapeMarkdown(role.name)} | ${person(holder)} |\n`;
  }
  yield `| Declared by | ${person(incident.declaredBy)} |\n`;
  if (pm.services.length > 0)
    yield `| Affected services | ${pm.services.map((s) => escapeMarkdown(s.name)).join(', ')} |\n`;
  // A name without an id is one being tried (or that failed), not the incident's channel.
  if (incident.channelId && incident.channelName) yield `| Channel | #${escapeMarkdown(incident.channelName)} |\n`;
  if (incident.isPrivate) yield '| Visibility | Private (security) incident |\n';
  const type = findType(policy, incident.type);
  if (incident.type !== defaultType(policy)) yield `| Type | ${escapeMarkdown(type?.name ?? incident.type)} |\n`;
  if (incident.retroactive) yield '| Recorded | After it ended; key times as typed in |\n';
  yield `\nGenerated ${time(pm.generatedAt)}.\n\n`;

  yield `## Summary\n\n${pm.facts.summary ? prose(pm.facts.summary) : SUMMARY_PLACEHOLDER}\n\n`;
  yield `**Resolution:** ${incident.resolution ? prose(incident.resolution) : '_Not resolved yet._'}\n\n`;

  yield `## Key times (${escapeMarkdown(tz)})\n\n| Event | Time |\n| --- | --- |\n`;
  for (const key of KEY_TIMES) yield `| ${KEY_TIME_LABELS[key]} | ${time(times[key])} |\n`;
  yield '\n| Measure | Duration |\n| --- | --- |\n';
  yield `| Time to detect | ${duration(durations.toDetect)} |\n`;
  yield `| Time to acknowledge | ${duration(durations.toAcknowledge)} |\n`;
  yield `| Time to mitigate | ${duration(durations.toMitigate)} |\n`;
  yield `| Time to resolve | ${duration(durations.toResolve)} |\n\n`;
  yield ganttChart(
    pm.phases,
    pm.severityChanges.map((c) => ({ at: c.at, from: c.data.from, to: c.data.to })),
  );
  yield '\n';

  yield* timelineMarkdown(pm, { person, sentence });

  yield `## Root cause\n\n${incident.rootCause ? prose(incident.rootCause) : '_Not recorded yet._'}\n\n`;

  yield '## Impact\n\n';
  yield `- Users affected: ${pm.facts.usersAffected ? prose(pm.facts.usersAffected) : '_not recorded_'}\n`;
  yield `- Duration: ${open ? `${duration(pm.generatedAt - start)} so far` : duration(durations.toResolve)}\n`;
  yield `- As declared: ${pm.initialImpact ? prose(pm.initialImpact) : '_not recorded_'}\n`;
  if (incident.impact && incident.impact !== pm.initialImpact) yield `- Last reported: ${prose(incident.impact)}\n`;

  yield `\n## What went well\n\n${TEAM_PLACEHOLDER}\n\n`;
  yield `## What could be improved\n\n${TEAM_PLACEHOLDER}\n\n`;

  yield* checklistMarkdown(pm, { person, time, text: (t) => cell(read(t)) });

  yield '## Action items\n\n';
  if (pm.followups.length === 0) {
    yield '_None recorded._\n';
    return;
  }
  yield '| Action | Owner | Due date | Status |\n| --- | --- | --- | --- |\n';
  for (const f of pm.followups) {
    const owner = f.ownerId ? person(f.ownerId) : '_unassigned_';
    const due = f.dueAt === null ? '—' : formatInTimeZone(f.dueAt, tz, 'yyyy-MM-dd');
    const overdue = !f.doneAt && f.dueAt !== null && f.dueAt < pm.generatedAt;
    yield `| ${cell(read(f.text))}${issueCell(f)} | ${owner} | ${due} | ${f.doneAt ? '✅ Done' : overdue ? '⏰ Overdue' : '⬜ Open'} |\n`;
  }
}

/**
 * The follow-up's tracker issue as a link after its text: the key escaped like any text, the URL
 * only when it is http(s), with what would end the link or the cell percent-encoded.
 */
function issueCell(f: PostmortemData['followups'][number]): string {
  if (!f.issue || !/^https?:\/\//i.test(f.issue.url)) return '';
  const url = f.issue.url.replace(
    /[\s()<>|\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return ` ([${cell(f.issue.key)}](${url})${f.issue.closed ? ', closed' : ''})`;
}

/** Text in a table cell: escaped, on one line (a line break would end the table). */
const cell = (text: string) => escapeMarkdown(text.replace(/\s+/g, ' ').trim());
