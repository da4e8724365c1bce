import type { Clock } from '../clock';
import { IncidentError } from '../incidents/incidents.errors';
import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { Followup, TimelineEntry } from './timeline.types';

export interface CapturedMessage {
  channelId: string;
  ts: string;
  authorId: string | null;
  text: string;
  permalink: string | null;
}

export type TimelineService = ReturnType<typeof createTimelineService>;

/** Slack message timestamps are seconds with a sequence suffix: "1700000000.000100". */
export const messageTime = (ts: string): number => Math.round(Number.parseFloat(ts) * 1000);

export function createTimelineService({ store, clock, logger }: { store: Store; clock: Clock; logger: Logger }) {
  function require(incidentId: number): Incident {
    const incident = store.incidents.get(incidentId);
    if (!incident) throw new IncidentError('incident_not_found', `Incident #${incidentId} does not exist.`);
    return incident;
  }

  return {
    /** Records a Slack message at its original time; the same message is recorded once. */
    addMessage(incidentId: number, message: CapturedMessage, addedBy: string): { entry: TimelineEntry; created: boolean } {
      require(incidentId);
      const sourceKey = `${message.channelId}:${message.ts}`;
      const id = store.timeline.append({
        incidentId,
        at: Number.isFinite(messageTime(message.ts)) ? messageTime(message.ts) : clock.now(),
        kind: 'message',
        actorId: message.authorId,
        text: message.text,
        data: { channelId: message.channelId, ts: message.ts, permalink: message.permalink, addedBy, addedAt: clock.now() },
        sourceKey,
      });
      if (id !== undefined) logger.info({ incidentId, entryId: id }, 'message added to the timeline');
      return { entry: store.timeline.findBySource(incidentId, sourceKey) as TimelineEntry, created: id !== undefined };
    },

    addNote(incidentId: number, text: string, authorId: string, requestKey: string): boolean {
      require(incidentId);
      const trimmed = text.trim();
      if (!trimmed) throw new IncidentError('invalid_input', 'Write the note after the command: `/incident note Rolled back the deploy`.');
      return store.timeline.append({ incidentId, at: clock.now(), kind: 'note', actorId: authorId, text: trimmed, sourceKey: `note:${requestKey}` }) !== undefined;
    },

    addFollowup(incidentId: number, f: { text: string; ownerId: string | null; createdBy: string; requestKey: string }): { followup: Followup; created: boolean } {
      require(incidentId);
      const text = f.text.trim();
      if (!text) throw new IncidentError('invalid_input', 'Describe the follow-up: `/incident followup Add an alert on queue depth @owner`.');
      return store.transaction(() => {
        const now = clock.now();
        const result = store.followups.add({ incidentId, text, ownerId: f.ownerId, createdBy: f.createdBy, createdAt: now, requestKey: f.requestKey });
        if (result.created) {
          store.timeline.append({
            incidentId,
            at: now,
            kind: 'followup_added',
            actorId: f.createdBy,
            text: `Follow-up: ${text}${f.ownerId ? ` (owner <@${f.ownerId}>)` : ''}`,
            data: { followupId: result.followup.id, ownerId: f.ownerId },
          });
        }
        return result;
      });
    },

    /** Marks the follow-up with this number (as `/incident followups` numbers them) done, once. */
    completeFollowup(incidentId: number, number: number, userId: string): { followup: Followup; changed: boolean } {
      require(incidentId);
      return store.transaction(() => {
        const list = store.followups.list(incidentId);
        const followup = list[number - 1];
        if (!followup) {
          throw new IncidentError(
            'invalid_input',
            list.length === 0 ? 'This incident has no follow-ups yet.' : `There is no follow-up ${number}; \`/incident followups\` lists ${list.length}.`,
          );
        }
        const now = clock.now();
        const changed = store.followups.markDone(followup.id, now);
        if (changed) {
          store.timeline.append({ incidentId, at: now, kind: 'followup_done', actorId: userId, text: `Follow-up done: ${followup.text}`, data: { followupId: followup.id } });
        }
        return { followup: { ...followup, doneAt: followup.doneAt ?? now }, changed };
      });
    },

    followups(incidentId: number): Followup[] {
      return store.followups.list(incidentId);
    },

    /** The most recent `limit` entries in time order, and how many came before them. */
    recent(incidentId: number, limit: number): { entries: TimelineEntry[]; more: number } {
      const entries = store.timeline.recent(incidentId, limit);
      return { entries, more: Math.max(0, store.timeline.count(incidentId) - entries.length) };
    },

    /** Keeps a message while the person picks its incident in a modal. */
    holdCapture(token: string, message: CapturedMessage): void {
      store.pendingCaptures.save(token, message, clock.now());
    },

    heldCapture(token: string): CapturedMessage | undefined {
      return store.pendingCaptures.get(token) as CapturedMessage | undefined;
    },
  };
}
