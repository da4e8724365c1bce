import type { PostmortemData } from './postmortem.types';
import { entrySentence, readableWith } from './entry-text';
import { keyTimes } from './key-times';

/** The whole incident as JSON for machines, streamed entry by entry like the Markdown. */
export async function* renderJson(pm: PostmortemData): AsyncGenerator<string> {
  const { incident } = pm;
  const read = readableWith(pm.chat, pm.names);
  const head = {
    format: 'commander.incident.v1',
    generatedAt: new Date(pm.generatedAt).toISOString(),
    incident: {
      ...incident,
      declaredAt: new Date(incident.declaredAt).toISOString(),
      resolvedAt: incident.resolvedAt === null ? null : new Date(incident.resolvedAt).toISOString(),
      lastUpdateAt: incident.lastUpdateAt === null ? null : new Date(incident.lastUpdateAt).toISOString(),
    },
    keyTimes: keyTimes(incident, pm.updates),
    statusUpdates: pm.updates,
    followups: pm.followups,
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
