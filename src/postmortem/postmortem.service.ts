import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { currentKeyTimes } from '../incidents/key-times.service';
import { requireIncident } from '../incidents/lookup';
import type { Repositories } from '../store';
import type { ChatText } from '../text/rich-text';
import { statusPhases } from './phases';
import type { PostmortemData } from './postmortem.types';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';

export type PostmortemFormat = 'md' | 'json';
export type PostmortemService = ReturnType<typeof createPostmortemService>;

export interface PostmortemDeps {
  store: Repositories<
    'incidents' | 'statusUpdates' | 'followups' | 'timeline' | 'people' | 'keyTimes' | 'postmortemFacts'
  >;
  policy: Policy;
  clock: Clock;
  /** Reads what people wrote, in the chat platform's markup. */
  chat: ChatText;
}

/** Gathers an incident's record from the store and renders it; used by Slack and the CLI alike. */
export function createPostmortemService({ store, policy, clock, chat }: PostmortemDeps) {
  function data(incidentId: number, authorId?: string): PostmortemData {
    const incident = requireIncident(store, incidentId);
    // Read before the timeline streams: SQLite serves no other query on a connection mid-iteration.
    const people = store.people.all();
    const updates = store.statusUpdates.list(incidentId);
    const now = clock.now();
    const reopened = store.timeline.listKind(incidentId, 'reopened').map((e) => e.at);
    return {
      incident,
      policy,
      updates,
      followups: store.followups.list(incidentId),
      initialImpact: store.timeline.listKind(incidentId, 'declared')[0]?.data.impact ?? incident.impact,
      severityChanges: store.timeline.listKind(incidentId, 'severity_changed'),
      keyTimes: currentKeyTimes(store, incident),
      phases: statusPhases(incident, updates, reopened, now),
      facts: store.postmortemFacts.get(incidentId),
      authorId: authorId ?? incident.commanderId,
      kindCounts: store.timeline.countByKind(incidentId),
      timeline: store.timeline.iterate(incidentId),
      timelineCount: store.timeline.count(incidentId),
      names: { person: (id) => people.get(id) },
      chat,
      generatedAt: now,
    };
  }

  return {
    /**
     * The document in pieces, in order; join them or write them to a stream. While it is being
     * consumed the connection is busy, so in the app consume it without awaiting in between.
     * `authorId`: who asked for it (the header's author); the commander by default.
     */
    render(incidentId: number, format: PostmortemFormat = 'md', authorId?: string): Iterable<string> {
      const pm = data(incidentId, authorId);
      return format === 'json' ? renderJson(pm) : renderMarkdown(pm);
    },
  };
}
