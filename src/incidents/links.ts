import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import { type LinkKind, REVERSE_LINK } from './link-kinds';
import { entries } from '../timeline/entries';
import type { Recorder } from '../timeline/record';
import type { ConversationPort } from './conversation.port';
import type { IncidentsService } from './incidents.service';
import { IncidentError } from './incidents.errors';
import type { Incident } from './incident.types';

/** What `/incident link #12 <how>` says #12 is to this incident. */
export type LinkAsked = 'related' | 'duplicate' | 'parent';

const ASKED: Record<LinkAsked, LinkKind> = { related: 'related', duplicate: 'duplicate_of', parent: 'child_of' };

export type IncidentLinks = ReturnType<typeof createIncidentLinks>;

/**
 * Links two incidents both ways: on both timelines (so in both postmortems) and in both channels.
 * A duplicate is resolved as one. A private incident's title never reaches a channel or a
 * timeline that may be read by people who may not see it.
 */
export function createIncidentLinks(deps: {
  store: Repositories<'incidentLinks' | 'transaction'>;
  recorder: Recorder;
  conversation: Pick<ConversationPort, 'postChange'>;
  incidents: Pick<IncidentsService, 'requireAccess' | 'resolve'>;
  clock: Clock;
  logger: Logger;
}) {
  const { store, recorder, clock, incidents } = deps;
  const titleFor = (reader: Incident, shown: Incident) => (shown.isPrivate && !reader.isPrivate ? '' : shown.title);

  async function tell(incident: Incident, other: Incident, link: LinkKind, actorId: string, at: number) {
    if (!incident.channelId) return;
    try {
      await deps.conversation.postChange(
        incident,
        {
          kind: 'linked',
          otherId: other.id,
          otherTitle: titleFor(incident, other),
          otherChannelId: other.isPrivate && !incident.isPrivate ? null : other.channelId,
          link,
          actorId,
        },
        { incidentId: incident.id, step: `link-${other.id}-${link}-${at}`, mayExist: false },
      );
    } catch (error) {
      // The link stands on both timelines; the channel message is a courtesy.
      deps.logger.warn({ incidentId: incident.id, err: error }, 'could not tell the channel of a link');
    }
  }

  return {
    /** Whether anything changed (a link already so is not made or told twice). */
    async link(input: { incidentId: number; otherId: number; asked: LinkAsked; actorId: string }): Promise<boolean> {
      if (input.otherId === input.incidentId)
        throw new IncidentError('invalid_input', 'An incident cannot be linked to itself.');
      const incident = await incidents.requireAccess(input.incidentId, input.actorId, { need: 'change' });
      const other = await incidents.requireAccess(input.otherId, input.actorId, { need: 'see' });
      const link = ASKED[input.asked];
      const at = clock.now();
      const changed = await store.transaction(async (tx) => {
        const made = await tx.incidentLinks.link({
          incidentId: incident.id,
          otherId: other.id,
          kind: link,
          linkedAt: at,
          linkedBy: input.actorId,
        });
        if (!made) return false;
        await recorder.record(
          tx,
          entries.linked(
            { incidentId: incident.id, at, actorId: input.actorId },
            { otherId: other.id, otherTitle: titleFor(incident, other), link },
          ),
        );
        await recorder.record(
          tx,
          entries.linked(
            { incidentId: other.id, at, actorId: input.actorId },
            { otherId: incident.id, otherTitle: titleFor(other, incident), link: REVERSE_LINK[link] },
          ),
        );
        return true;
      });
      if (!changed) return false;
      await tell(incident, other, link, input.actorId, at);
      await tell(other, incident, REVERSE_LINK[link], input.actorId, at);
      if (link === 'duplicate_of' && incident.resolvedAt === null) {
        await incidents.resolve({
          incidentId: incident.id,
          key: `duplicate:${incident.id}:${other.id}`,
          resolution: `Duplicate of #${other.id}.`,
          rootCause: '',
          authorId: input.actorId,
        });
      }
      return true;
    },
  };
}
