import { formatDuration } from '../../config/duration';
import { findSeverity, type Policy } from '../../config/policy';
import { findType, isDrill } from '../../incidents/incident-types';
import { type Incident, STATUS_LABELS } from '../../incidents/incident.types';
import { KEY_TIME_LABELS, KEY_TIMES, keyDurations } from '../../incidents/key-times';
import { readableWith } from '../../postmortem/entry-text';
import type { PostmortemData } from '../../postmortem/postmortem.types';
import type { Reader } from '../console.types';
import type { ConsoleDeps } from './console.deps';
import { entryLines } from './entry-line';
import { e, page } from './html';
import { phasesSvg } from './phases-svg';
import { readerTime, readerZone } from './reader-time';

/** A link to the incident's channel in Slack: the web client's address, which opens the app where it is installed. */
export function channelLink(incident: Incident, teamId: string | null): string | null {
  if (!incident.channelId || !teamId) return null;
  return `https://app.slack.com/client/${encodeURIComponent(teamId)}/${encodeURIComponent(incident.channelId)}`;
}

export const severityName = (policy: Policy, id: string) => {
  const severity = findSeverity(policy, id);
  return severity ? `${severity.id} · ${severity.name}` : id;
};

/** The key times and the four durations, times in the reader's zone. */
export function keyTimesHtml(pm: PostmortemData, time: (ms: number) => string): string {
  const at = (ms: number | null) => (ms === null ? '—' : e(time(ms)));
  const lasted = (ms: number | null) => (ms === null ? '—' : e(formatDuration(ms)));
  const d = keyDurations(pm.keyTimes);
  return `<table class="key-times"><thead><tr><th>Event</th><th>Time</th></tr></thead><tbody>
${KEY_TIMES.map((key) => `<tr><td>${e(KEY_TIME_LABELS[key])}</td><td>${at(pm.keyTimes[key])}</td></tr>`).join('\n')}
</tbody></table>
<table class="durations"><thead><tr><th>Measure</th><th>Duration</th></tr></thead><tbody>
<tr><td>Time to detect</td><td>${lasted(d.toDetect)}</td></tr>
<tr><td>Time to acknowledge</td><td>${lasted(d.toAcknowledge)}</td></tr>
<tr><td>Time to mitigate</td><td>${lasted(d.toMitigate)}</td></tr>
<tr><td>Time to resolve</td><td>${lasted(d.toResolve)}</td></tr>
</tbody></table>`;
}

/** `/incidents/<n>`: everything about one incident the reader may see, its timeline live with JavaScript on. */
export async function incidentPage(deps: ConsoleDeps, pm: PostmortemData, reader: Reader) {
  const { policy } = deps;
  const { incident } = pm;
  const time = readerTime(reader, policy);
  const zone = readerZone(reader, policy);
  const person = (id: string | null) => (id ? e(`@${pm.names.person(id) ?? id}`) : 'Commander');
  const line = entryLines(pm.chat, pm.names, time);
  const read = readableWith(pm.chat, pm.names);
  const items: string[] = [];
  let last = '';
  for await (const entry of pm.timeline) {
    const l = line(entry);
    last = l.id;
    // Its id and time let the event stream's script replace or remove it after an edit.
    items.push(
      `<li id="entry-${entry.id}" data-at="${entry.at}"><time>${e(l.time)}</time> · ${e(l.actor)} · ${e(l.text)}</li>`,
    );
  }
  const roles = policy.roles
    .filter((r) => r.id !== 'commander' && incident.roles[r.id])
    .map((r) => `<dt>${e(r.name)}</dt><dd>${person(incident.roles[r.id] as string)}</dd>`);
  const link = channelLink(incident, deps.teamId);
  const channel =
    incident.channelId && incident.channelName
      ? `<dt>Channel</dt><dd>${link ? `<a href="${e(link)}">#${e(incident.channelName)}</a>` : `#${e(incident.channelName)}`}</dd>`
      : '';
  const followups =
    pm.followups.length === 0
      ? '<p>None recorded.</p>'
      : `<table><thead><tr><th>Follow-up</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>
${pm.followups
  .map((f) => {
    const overdue = f.doneAt === null && f.dueAt !== null && f.dueAt < pm.generatedAt;
    const status = f.doneAt !== null ? 'Done' : overdue ? '<span class="overdue">Overdue</span>' : 'Open';
    return `<tr><td>${e(read(f.text))}</td><td>${f.ownerId ? person(f.ownerId) : 'Unassigned'}</td><td>${f.dueAt === null ? '—' : e(time(f.dueAt))}</td><td>${status}</td></tr>`;
  })
  .join('\n')}</tbody></table>`;
  const events = `/incidents/${incident.id}/events${last ? `?after=${encodeURIComponent(last)}` : ''}`;
  const main = `<h1>#${incident.id} ${e(incident.title)}${isDrill(incident) ? ' <span class="drill">[DRILL]</span>' : ''}${incident.isPrivate ? ' <span class="private">Private</span>' : ''}</h1>
<p><a href="/incidents/${incident.id}/postmortem">Postmortem</a> · <a href="/incidents/${incident.id}/export.md" download>Markdown</a> · <a href="/incidents/${incident.id}/export.json" download>JSON</a></p>
<dl class="facts">
<dt>Severity</dt><dd>${e(severityName(policy, incident.severity))}</dd>
<dt>Status</dt><dd>${e(STATUS_LABELS[incident.status])}</dd>
<dt>Type</dt><dd>${e(findType(policy, incident.type)?.name ?? incident.type)}</dd>
<dt>Commander</dt><dd>${person(incident.commanderId)}</dd>
${roles.join('\n')}
<dt>Declared by</dt><dd>${person(incident.declaredBy)}</dd>
<dt>Affected services</dt><dd>${pm.services.length > 0 ? e(pm.services.map((s) => s.name).join(', ')) : 'None named'}</dd>
${channel}
</dl>
<h2>Summary</h2><p>${pm.facts.summary ? e(read(pm.facts.summary)) : 'Not written yet.'}</p>
<h2>Impact</h2><p>${incident.impact ? e(read(incident.impact)) : 'Not recorded.'}</p>
${incident.resolution ? `<h2>Resolution</h2><p>${e(read(incident.resolution))}</p>` : ''}
<h2>Key times (${e(zone)})</h2>
${keyTimesHtml(pm, time)}
<h2>Status phases</h2>
${phasesSvg(
  pm.phases,
  pm.severityChanges.map((c) => ({ at: c.at, from: c.data.from, to: c.data.to })),
  time,
)}
<h2>Timeline</h2>
<p>${pm.timelineCount} entr${pm.timelineCount === 1 ? 'y' : 'ies'}, times in ${e(zone)}.</p>
<ol class="timeline" id="timeline" data-events="${e(events)}">
${items.join('\n')}
</ol>
<h2>Follow-ups</h2>
${followups}`;
  return page(`#${incident.id} ${incident.title}`, main, { script: true });
}
