import type { WebClient } from '@slack/web-api';
import type { Incident } from '../../../incidents/incident.types';
import { keyTimesModal } from '../../blocks/key-times-modal';
import { readerZone } from '../../adapters/reader-zone';
import type { ListenerDeps } from '../deps';
import { openFormWhenAllowed } from './incident-form';
import { settle } from './within';

/**
 * Opens the key-times form once the person is known to be allowed, in their own time zone. The
 * zone lookup runs alongside the access check, so the trigger waits for the slower of the two.
 */
export function openKeyTimesForm(
  deps: ListenerDeps,
  client: WebClient,
  o: { triggerId: string; userId: string; allowed: Promise<Incident>; waitMs: number },
): Promise<void> {
  const zone = readerZone(deps.peopleDirectory, o.userId, deps.policy.timezone);
  const build = async (incident: Incident) => keyTimesModal(incident, await deps.keyTimes.of(incident.id), await zone);
  return openFormWhenAllowed(client, {
    triggerId: o.triggerId,
    decided: settle(o.allowed.then(build)),
    waitMs: o.waitMs,
    logger: deps.logger,
  });
}
