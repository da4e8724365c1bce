import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import { currentKeyTimes } from '../incidents/key-times.service';
import { requireIncident } from '../incidents/lookup';
import type { Repositories } from '../store';
import type { ChatText } from '../text/rich-text';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import { statusPhases } from './phases';
import type { PostmortemData } from './postmortem.types';
import { servicesNamed } from '../incidents/affected-services';
import { checklistsOf } from '../checklists/checklists.service';
import type * as RenderJson from './render-json';
import type * as RenderMarkdown from './render-markdown';

export type PostmortemFormat = 'md' | 'json';

/** The pieces as one string, for a document small enough to hold (an upload to Slack, a test). */
export async function joined(pieces: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece;
  return text;
}
export type PostmortemService = ReturnType<typeof createPostmortemService>;

export interface PostmortemDeps {
  store: Repositories<
    | 'incidents'
    | 'incidentServices'
    | 'statusUpdates'
    | 'followups'
    | 'timeline'
    | 'people'
    | 'keyTimes'
    | 'postmortemFacts'
    | 'checklists'
  >;
  policy: Policy;
  clock: Clock;
  /** Reads what people wrote, in the chat platform's markup. */
  chat: ChatText;
}

/** Gathers an incident's record from the store and renders it; used by Slack and the CLI alike. */
export function createPostmortemRenderer({ store, policy, clock, chat }: PostmortemDeps) {
  async function data(incidentId: number, authorId?: string): Promise<PostmortemData> {
    const incident = await requireIncident(store, incidentId);
    const people = await store.people.all();
    const updates = await store.statusUpdates.list(incidentId);
    const now = clock.now();
    const reopened = (await store.timeline.listKind(incidentId, 'reopened')).map((e) => e.at);
    return {
      incident,
      policy,
      services: servicesNamed(policy, await store.incidentServices.of(incidentId)),
      updates,
      followups: await store.followups.list(incidentId),
      checklists: await checklistsOf(store, incidentId),
      initialImpact: (await store.timeline.listKind(incidentId, 'declared'))[0]?.data.impact ?? incident.impact,
      severityChanges: await store.timeline.listKind(incidentId, 'severity_changed'),
      keyTimes: await currentKeyTimes(store, incident),
      phases: statusPhases(incident, updates, reopened, now),
      facts: await store.postmortemFacts.get(incidentId),
      authorId: authorId ?? incident.commanderId,
      kindCounts: await store.timeline.countByKind(incidentId),
      timeline: store.timeline.iterate(incidentId),
      timelineCount: await store.timeline.count(incidentId),
      names: { person: (id) => people.get(id) },
      chat,
      generatedAt: now,
    };
  }

  return {
    /** What the document is made of, for surfaces that render it their own way (the web console). */
    data,
    /**
     * The document in pieces, in order; join them or write them to a stream. The timeline is read a
     * page at a time as the pieces are taken, so the connection is free in between.
     * `authorId`: who asked for it (the header's author); the commander by default.
     */
    async render(
      incidentId: number,
      format: PostmortemFormat = 'md',
      authorId?: string,
    ): Promise<AsyncIterable<string>> {
      const pm = await data(incidentId, authorId);
      // Required here, not imported: the renderers (Markdown, the Gantt chart, JSON) are needed at a
      // resolve or an export, not at start-up.
      return format === 'json'
        ? (require('./render-json') as typeof RenderJson).renderJson(pm)
        : (require('./render-markdown') as typeof RenderMarkdown).renderMarkdown(pm);
    },
  };
}

/** The renderer, and recording what became of the document (the CLI's export only reads: it has no recorder). */
export function createPostmortemService(
  deps: PostmortemDeps & { store: Repositories<'transaction'>; recorder: Recorder },
) {
  const { store, recorder, clock } = deps;
  return {
    ...createPostmortemRenderer(deps),
    /** Records that the document was shared in the incident's channel: a timeline entry (receivers of events hear of it). */
    async recordShared(incidentId: number, shared: { draft: boolean; fileName: string; by: string }): Promise<void> {
      const context = { incidentId, at: clock.now(), actorId: shared.by };
      await recorder.record(
        store,
        entries.postmortemUploaded(context, { draft: shared.draft, fileName: shared.fileName }),
      );
    },
  };
}
