import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { requireIncident } from '../incidents/lookup';
import type { Repositories } from '../store';
import type { ChatText } from '../text/rich-text';
import { entries } from '../timeline/entries';
import type { PostmortemData } from './postmortem.types';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';

export type PostmortemFormat = 'md' | 'json';
export type PostmortemService = ReturnType<typeof createPostmortemService>;

export interface PostmortemDeps {
  store: Repositories<'incidents' | 'statusUpdates' | 'followups' | 'timeline' | 'people'>;
  policy: Policy;
  clock: Clock;
  /** Reads what people wrote, in the chat platform's markup. */
  chat: ChatText;
}

/** Gathers an incident's record from the store and renders it; used by Slack and the CLI alike. */
export function createPostmortemService({ store, policy, clock, chat }: PostmortemDeps) {
  function data(incidentId: number): PostmortemData {
    const incident = requireIncident(store, incidentId);
    // Read before the timeline streams: SQLite serves no other query on a connection mid-iteration.
    const people = store.people.all();
    return {
      incident,
      policy,
      updates: store.statusUpdates.list(incidentId),
      followups: store.followups.list(incidentId),
      initialImpact: store.timeline.listKind(incidentId, 'declared')[0]?.data.impact ?? incident.impact,
      severityChanges: store.timeline.listKind(incidentId, 'severity_changed'),
      timeline: store.timeline.iterate(incidentId),
      timelineCount: store.timeline.count(incidentId),
      names: { person: (id) => people.get(id) },
      chat,
      generatedAt: clock.now(),
    };
  }

  return {
    /**
     * The document in pieces, in order; join them or write them to a stream. While it is being
     * consumed the connection is busy, so in the app consume it without awaiting in between.
     */
    render(incidentId: number, format: PostmortemFormat = 'md'): Iterable<string> {
      const pm = data(incidentId);
      return format === 'json' ? renderJson(pm) : renderMarkdown(pm);
    },

    /** Records that the document was shared in the incident's channel: a timeline entry (receivers of events hear of it). */
    recordShared(incidentId: number, shared: { draft: boolean; fileName: string; by: string }): void {
      const context = { incidentId, at: clock.now(), actorId: shared.by };
      store.timeline.append(entries.postmortemUploaded(context, { draft: shared.draft, fileName: shared.fileName }));
    },
  };
}
