import type { Incident } from '../../incidents/incident.types';
import { canSee, type MembershipLookup, visibleTo } from '../../incidents/visibility';
import type { PrivateScope } from '../../store/console.repository';
import type { Reader } from '../console.types';
import type { ConsoleDeps } from './console.deps';

/**
 * What one reader may see, by the one visibility rule (incidents/visibility.ts), for one request.
 * Membership of a private incident's channel is read from the reader's private channels, asked of
 * Slack once (and kept a minute by the composition root); a lookup that fails counts as "in none".
 */
export function readerScope(
  { policy, privateChannels, store }: Pick<ConsoleDeps, 'policy' | 'privateChannels' | 'store'>,
  reader: Reader,
) {
  let channels: Promise<ReadonlySet<string>> | undefined;
  const channelsOf = () =>
    (channels ??= privateChannels(reader.userId).catch((): ReadonlySet<string> => new Set<string>()));
  const members: MembershipLookup = async (channelId) => (await channelsOf()).has(channelId);
  return {
    canSee: (incident: Incident) => canSee(incident, reader.userId, policy, members),
    visible: (incidents: Incident[]) => visibleTo(incidents, reader.userId, policy, members),
    /** The private incidents a list may include, worked out before the list is read so it pages in SQL. */
    async privateScope(): Promise<PrivateScope> {
      if (policy.admins.includes(reader.userId)) return { all: true };
      // The store narrows the candidates to those naming the reader or in their channels; the rule decides.
      const candidates = await store.console.privateIncidentsOf(reader.userId, [...(await channelsOf())]);
      const seen = await visibleTo(candidates, reader.userId, policy, members);
      return { all: false, ids: seen.map((i) => i.id) };
    },
  };
}

export type ReaderScope = ReturnType<typeof readerScope>;
