import type { Incident } from '../../incidents/incident.types';
import { canSee, type MembershipLookup, visibleTo } from '../../incidents/visibility';
import type { PrivateScope } from '../../store/console.repository';
import type { Reader } from '../console.types';
import type { ConsoleDeps } from './console.deps';

/**
 * What one reader may see, by the one visibility rule (incidents/visibility.ts), for one request:
 * membership is asked once per channel, and a lookup that fails counts as "not a member".
 */
export function readerScope(
  { policy, isMember, store }: Pick<ConsoleDeps, 'policy' | 'isMember' | 'store'>,
  reader: Reader,
) {
  const asked = new Map<string, Promise<boolean>>();
  const members: MembershipLookup = (channelId) => {
    let answer = asked.get(channelId);
    if (!answer) {
      answer = isMember(channelId, reader.userId).catch(() => false);
      asked.set(channelId, answer);
    }
    return answer;
  };
  return {
    canSee: (incident: Incident) => canSee(incident, reader.userId, policy, members),
    visible: (incidents: Incident[]) => visibleTo(incidents, reader.userId, policy, members),
    /** The private incidents a list may include, worked out before the list is read so it pages in SQL. */
    async privateScope(): Promise<PrivateScope> {
      if (policy.admins.includes(reader.userId)) return { all: true };
      const seen = await visibleTo(await store.console.privateIncidents(), reader.userId, policy, members);
      return { all: false, ids: seen.map((i) => i.id) };
    },
  };
}

export type ReaderScope = ReturnType<typeof readerScope>;
