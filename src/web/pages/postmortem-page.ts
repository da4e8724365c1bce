import { formatDuration } from '../../config/duration';
import { defaultType, findType, isDrill } from '../../incidents/incident-types';
import { STATUS_LABELS } from '../../incidents/incident.types';
import { keyDurations } from '../../incidents/key-times';
import { readableWith } from '../../postmortem/entry-text';
import { APPENDIX_KINDS, type PostmortemData } from '../../postmortem/postmortem.types';
import { formatInTimeZone } from '../../text/zoned-time';
import type { Reader } from '../console.types';
import type { ConsoleDeps } from './console.deps';
import { entryLines } from './entry-line';
import { e, page } from './html';
import { keyTimesHtml, severityName } from './incident-page';
import { phasesSvg } from './phases-svg';
import { readerTime, readerZone } from './reader-time';

const TEAM_PLACEHOLDER = '<p><em>To be filled in by the team.</em></p>';

/**
 * `/incidents/<n>/postmortem`: the postmortem document (postmortem/render-markdown.ts) in the same
 * order and words, made from the same data as HTML rather than from its Markdown; the chart as SVG.
 */
export async function postmortemPage(deps: ConsoleDeps, pm: PostmortemData, reader: Reader) {
  const { policy } = deps;
  const { incident } = pm;
  const time = readerTime(reader, policy);
  const zone = readerZone(reader, policy);
  const read = readableWith(pm.chat, pm.names);
  const prose = (typed: string | null, otherwise: string) =>
    typed ? `<p>${e(read(typed))}</p>` : `<p><em>${otherwise}</em></p>`;
  const person = (id: string | null) => (id ? e(`@${pm.names.person(id) ?? id}`) : 'Commander (bot)');
  const open = incident.resolvedAt === null;
  const start = pm.keyTimes.impactStarted ?? incident.declaredAt;
  const lasted = open
    ? `${formatDuration(pm.generatedAt - start)} so far`
    : formatDuration(keyDurations(pm.keyTimes).toResolve ?? 0);
  const row = (label: string, value: string) => `<tr><th>${e(label)}</th><td>${value}</td></tr>`;
  const roles = policy.roles
    .filter((r) => r.id !== 'commander' && incident.roles[r.id])
    .map((r) => row(r.name, person(incident.roles[r.id] as string)));
  const type = findType(policy, incident.type);

  const line = entryLines(pm.chat, pm.names, time);
  const appendix = new Set<string>(APPENDIX_KINDS);
  const story: string[] = [];
  const aside: string[] = [];
  for await (const entry of pm.timeline) {
    const l = line(entry);
    (appendix.has(entry.kind) ? aside : story).push(
      `<li><time>${e(l.time)}</time> · ${e(l.actor)} · ${e(l.text)}</li>`,
    );
  }
  const actions =
    pm.followups.length === 0
      ? '<p><em>None recorded.</em></p>'
      : `<table><thead><tr><th>Action</th><th>Owner</th><th>Due date</th><th>Status</th></tr></thead><tbody>${pm.followups
          .map((f) => {
            const overdue = !f.doneAt && f.dueAt !== null && f.dueAt < pm.generatedAt;
            const due = f.dueAt === null ? '—' : e(formatInTimeZone(f.dueAt, zone, 'yyyy-MM-dd'));
            return `<tr><td>${e(read(f.text))}</td><td>${f.ownerId ? person(f.ownerId) : '<em>unassigned</em>'}</td><td>${due}</td><td>${f.doneAt ? 'Done' : overdue ? '<span class="overdue">Overdue</span>' : 'Open'}</td></tr>`;
          })
          .join('\n')}</tbody></table>`;

  const main = `<h1>Postmortem: #${incident.id} ${isDrill(incident) ? '[DRILL] ' : ''}${e(incident.title)}</h1>
${open ? `<p><strong>Draft</strong> — the incident is still open (${e(STATUS_LABELS[incident.status])}).</p>` : ''}
<p><a href="/incidents/${incident.id}">The incident</a> · <a href="/incidents/${incident.id}/export.md" download>Markdown</a> · <a href="/incidents/${incident.id}/export.json" download>JSON</a></p>
<table class="facts"><tbody>
${row('Date', e(formatInTimeZone(start, zone, 'yyyy-MM-dd')))}
${row('Duration', e(lasted))}
${row('Severity', e(severityName(policy, incident.severity)))}
${row('Status', e(STATUS_LABELS[incident.status]))}
${row('Commander', person(incident.commanderId))}
${row('Author', person(pm.authorId))}
${roles.join('\n')}
${row('Declared by', person(incident.declaredBy))}
${pm.services.length > 0 ? row('Affected services', e(pm.services.map((s) => s.name).join(', '))) : ''}
${incident.channelId && incident.channelName ? row('Channel', `#${e(incident.channelName)}`) : ''}
${incident.isPrivate ? row('Visibility', 'Private (security) incident') : ''}
${incident.type !== defaultType(policy) ? row('Type', e(type?.name ?? incident.type)) : ''}
${incident.retroactive ? row('Recorded', 'After it ended; key times as typed in') : ''}
</tbody></table>
<p>Generated ${e(time(pm.generatedAt))}.</p>
<h2>Summary</h2>${prose(pm.facts.summary, 'Not written yet. In 2–3 sentences: what happened, who was affected and for how long, and how it ended.')}
<p><strong>Resolution:</strong> ${incident.resolution ? e(read(incident.resolution)) : '<em>Not resolved yet.</em>'}</p>
<h2>Key times (${e(zone)})</h2>
${keyTimesHtml(pm, time)}
${phasesSvg(
  pm.phases,
  pm.severityChanges.map((c) => ({ at: c.at, from: c.data.from, to: c.data.to })),
  time,
)}
<h2>Timeline</h2>
<p>${story.length} entr${story.length === 1 ? 'y' : 'ies'}, times in ${e(zone)}${aside.length > 0 ? '; reminders and escalations are in the appendix' : ''}.</p>
<ol class="timeline">${story.join('\n')}</ol>
${aside.length > 0 ? `<h2>Appendix: reminders and escalations</h2><ol class="timeline">${aside.join('\n')}</ol>` : ''}
<h2>Root cause</h2>${prose(incident.rootCause, 'Not recorded yet.')}
<h2>Impact</h2><ul>
<li>Users affected: ${pm.facts.usersAffected ? e(read(pm.facts.usersAffected)) : '<em>not recorded</em>'}</li>
<li>Duration: ${e(lasted)}</li>
<li>As declared: ${pm.initialImpact ? e(read(pm.initialImpact)) : '<em>not recorded</em>'}</li>
${incident.impact && incident.impact !== pm.initialImpact ? `<li>Last reported: ${e(read(incident.impact))}</li>` : ''}
</ul>
<h2>What went well</h2>${TEAM_PLACEHOLDER}
<h2>What could be improved</h2>${TEAM_PLACEHOLDER}
<h2>Action items</h2>
${actions}`;
  return page(`Postmortem #${incident.id}`, main);
}
