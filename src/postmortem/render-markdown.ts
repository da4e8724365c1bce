import { formatDuration } from '../config/duration';
import { findSeverity } from '../config/policy';
import { STATUS_LABELS } from '../incidents/incident.types';
import type { TimelineEntry } from '../timeline/timeline.types';
import { entrySentence, readableWith } from './entry-text';
import { keyTimes } from './key-times';
import { escapeMarkdown, listItemText } from './markdown-text';
import type { PostmortemData } from './postmortem.types';
import { minuteFormatter } from './time-format';

const SAFE_URL = /^https:\/\/[^\s()<>]+$/;

/**
 * The postmortem as Markdown, following the runbooks' template. Yields the document in pieces so
 * a timeline of any length is written out without being built as one string first.
 */
export async function* renderMarkdown(pm: PostmortemData): AsyncGenerator<string> {
  const { incident, policy } = pm;
  const tz = policy.timezone;
  const inZone = minuteFormatter(tz);
  const time = (ms: number | null) => (ms === null ? '—' : inZone(ms));
  const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
  const person = (id: string | null) => (id ? `@${escapeMarkdown(pm.names.person(id) ?? id)}` : 'Commander (bot)');
  const read = readableWith(pm.chat, pm.names);
  const prose = (typed: string) => escapeMarkdown(read(typed));
  const text = (typed: string) => listItemText(read(typed));
  const sentence = (entry: TimelineEntry) => listItemText(entrySentence(entry, pm.names, read));
  const severity = findSeverity(policy, incident.severity);
  const times = keyTimes(incident, pm.updates);
  const open = incident.resolvedAt === null;

  yield `# Postmortem: #${incident.id} ${escapeMarkdown(incident.title.replace(/\s+/g, ' '))}\n\n`;
  if (open)
    yield `> **Draft** — the incident is still open (${STATUS_LABELS[incident.status]}). Generated ${time(pm.generatedAt)}.\n\n`;
  else yield `Generated ${time(pm.generatedAt)}.\n\n`;

  yield '## Summary\n\n';
  yield '| | |\n| --- | --- |\n';
  yield `| Severity | ${escapeMarkdown(severity ? `${severity.id} · ${severity.name}` : incident.severity)} |\n`;
  yield `| Status | ${STATUS_LABELS[incident.status]} |\n`;
  yield `| Commander | ${person(incident.commanderId)} |\n`;
  for (const role of policy.roles) {
    const holder = role.id === 'commander' ? undefined : incident.roles[role.id];
    if (holder) yield `| ${escapeMarkdown(role.name)} | ${person(holder)} |\n`;
  }
  yield `| Declared by | ${person(incident.declaredBy)} |\n`;
  // A name without an id is one being tried (or that failed), not the incident's channel.
  if (incident.channelId && incident.channelName) yield `| Channel | #${escapeMarkdown(incident.channelName)} |\n`;
  if (incident.isPrivate) yield '| Visibility | Private (security) incident |\n';
  yield '\n';
  if (pm.severityChanges.length > 0) {
    yield '### Severity changes\n\n';
    for (const change of pm.severityChanges)
      yield `- ${time(change.at)} · ${person(change.actorId)} · ${sentence(change)}\n`;
    yield '\n';
  }

  yield `## Impact\n\n${pm.initialImpact ? prose(pm.initialImpact) : '_Not recorded at declaration._'}\n\n`;
  if (incident.impact && incident.impact !== pm.initialImpact)
    yield `Last reported impact: ${prose(incident.impact)}\n\n`;

  yield `## Key times (${escapeMarkdown(tz)})\n\n| Event | Time |\n| --- | --- |\n`;
  yield `| Started (declared) | ${time(times.declaredAt)} |\n`;
  yield `| Detected | ${time(times.declaredAt)} |\n`;
  yield `| First status update | ${time(times.firstUpdateAt)} |\n`;
  yield `| Mitigated | ${time(times.mitigatedAt)} |\n`;
  yield `| Resolved | ${time(times.resolvedAt)} |\n\n`;

  yield '## Durations\n\n| Measure | Duration |\n| --- | --- |\n';
  yield `| Time to first update | ${duration(times.timeToFirstUpdate)} |\n`;
  yield `| Time to mitigate | ${duration(times.timeToMitigate)} |\n`;
  yield `| Time to resolve | ${duration(times.timeToResolve)} |\n\n`;

  yield `## Root cause\n\n${incident.rootCause ? prose(incident.rootCause) : '_Not recorded yet._'}\n\n`;
  yield `## Resolution\n\n${incident.resolution ? prose(incident.resolution) : '_Not resolved yet._'}\n\n`;

  yield `## Timeline\n\n${pm.timelineCount} entries, times in ${escapeMarkdown(tz)}.\n\n`;
  for await (const entry of pm.timeline)
    yield `- ${time(entry.at)} · ${person(entry.actorId)} · ${entryText(entry, sentence)}\n`;
  yield '\n';

  yield '## Follow-up actions\n\n';
  if (pm.followups.length === 0) yield '_None recorded._\n';
  for (const f of pm.followups) {
    yield `- [${f.doneAt ? 'x' : ' '}] ${text(f.text)} — owner ${f.ownerId ? person(f.ownerId) : '_unassigned_'} (added by ${person(f.createdBy)})\n`;
  }
  yield '\n## What went well\n\n_To be filled in by the team._\n\n';
  yield '## What could be improved\n\n_To be filled in by the team._\n';
}

function entryText(entry: TimelineEntry, sentence: (entry: TimelineEntry) => string): string {
  if (entry.kind !== 'message') return sentence(entry);
  const { permalink } = entry.data;
  const link = permalink && SAFE_URL.test(permalink) ? ` ([message](${permalink}))` : '';
  return `💬 ${sentence(entry)}${link}`;
}
