import { keyDurations } from '../incidents/key-times';
import { entrySentence, readableWith } from './entry-text';
import { keyTimes as legacyKeyTimes } from './key-times';
import type { PostmortemData } from './postmortem.types';
import type { ChecklistItem } from '../checklists/checklist.types';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const itemJson = (item: ChecklistItem) => ({
  text: item.text,
  role: item.role,
  ownerId: item.ownerId,
  required: item.required,
  doneBy: item.tickedBy,
  doneAt: iso(item.tickedAt),
});

/** The whole incident as JSON for machines, streamed entry by entry like the Markdown. */
export async function* renderJson(pm: PostmortemData): AsyncGenerator<string> {
  const { incident } = pm;
  const read = readableWith(pm.chat, pm.names);
  const durations = keyDurations(pm.keyTimes);
  const head = {
    format: 'commander.incident.v1',
    generatedAt: new Date(pm.generatedAt).toISOString(),
    incident: {
      ...incident,
      declaredAt: new Date(incident.declaredAt).toISOString(),
      resolvedAt: iso(incident.resolvedAt),
      lastUpdateAt: iso(incident.lastUpdateAt),
      summary: pm.facts.summary,
      usersAffected: pm.facts.usersAffected,
      services: pm.services.map((s) => ({ id: s.id, name: s.name })),
    },
    // The fields of earlier exports stay; the corrected key times and their durations join them.
    keyTimes: {
      ...legacyKeyTimes(incident, pm.updates),
      ...pm.keyTimes,
      timeToDetect: durations.toDetect,
      timeToAcknowledge: durations.toAcknowledge,
      timeToMitigate: durations.toMitigate,
      timeToResolve: durations.toResolve,
    },
    /** The same status phases as the document's chart, severity changes marked. */
    phases: pm.phases.map((p) => ({ status: p.status, from: iso(p.from), to: iso(p.to) })),
    severityChanges: pm.severityChanges.map((c) => ({ at: iso(c.at), from: c.data.from, to: c.data.to })),
    statusUpdates: pm.updates,
    followups: pm.followups,
    checklists: [
      ...pm.checklists.lists.map((list) => ({
        id: list.listId,
        title: list.title,
        attachedAt: iso(list.attachedAt),
        items: list.items.map(itemJson),
      })),
      ...(pm.checklists.adHoc.length > 0
        ? [{ id: '', title: 'Tasks added in the channel', attachedAt: null, items: pm.checklists.adHoc.map(itemJson) }]
        : []),
    ],
  };
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)},"timeline":[`;
  let first = true;
  for await (const entry of pm.timeline) {
    yield `${first ? '' : ','}\n${JSON.stringify({ ...entry, text: entrySentence(entry, pm.names, read), time: new Date(entry.at).toISOString() })}`;
    first = false;
  }
  yield '\n]}\n';
}
