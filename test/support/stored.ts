import type { Incident } from '../../src/incidents/incident.types';
import { plainEntryLine } from '../../src/postmortem/entry-text';
import { slackText } from '../../src/slack/text/slack-text';
import type { Store } from '../../src/store';
import type { TimelineEntry } from '../../src/timeline/timeline.types';

/**
 * What the flows wrote, read back through the app's own repositories (`h.store`), so a suite asks
 * the same questions on SQLite and on PostgreSQL instead of reading commander.db.
 */

/** Every incident, by number. */
export async function storedIncidents(store: Store): Promise<Incident[]> {
  const all = await store.incidents.listRecent(0, 10_000);
  return all.sort((a, b) => a.id - b.id);
}

/**
 * Timeline entries of every incident (or of one), in the order they were recorded (by id), as the
 * table holds them apart from removed entries, which the repositories do not list.
 */
export async function storedEntries(
  store: Store,
  filter: { incidentId?: number; kind?: TimelineEntry['kind'] | RegExp } = {},
): Promise<TimelineEntry[]> {
  const ids = filter.incidentId !== undefined ? [filter.incidentId] : (await storedIncidents(store)).map((i) => i.id);
  const entries: TimelineEntry[] = [];
  for (const id of ids) entries.push(...(await store.timeline.list(id)));
  const { kind } = filter;
  return entries
    .filter((e) => kind === undefined || (typeof kind === 'string' ? e.kind === kind : kind.test(e.kind)))
    .sort((a, b) => a.id - b.id);
}

/** The kinds of an incident's entries in timeline order (time, then the order they were recorded). */
export async function storedKinds(store: Store, incidentId: number): Promise<string[]> {
  return (await store.timeline.list(incidentId)).map((e) => e.kind);
}

/**
 * The plain line stored with an entry (the timeline's `text`, for people and tools reading the
 * table): the recorder makes it from the entry with this same function, which the composition root
 * chose (src/app/foundation.ts), so the line is the entry's, on either engine.
 */
export const storedLine: (entry: TimelineEntry) => string = plainEntryLine(slackText);
