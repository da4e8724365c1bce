import { entries } from '../timeline/entries';
import { incidentChannelName } from './channel-name';
import { isDrill } from './incident-types';
import { ChannelNameTakenError, IncidentError } from './incidents.errors';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';

/** How many `-2`, `-3`… suffixes to try when Slack says a channel name is taken. */
const NAME_ATTEMPTS = 5;

/**
 * The first set-up step of a declaration: the incident's channel, named from its number and title,
 * with another suffix when the name is taken, and adopted when an interrupted attempt made it.
 */
export function createChannelMaker({
  store,
  conversation,
  policy,
  clock,
  logger,
  recorder,
}: Omit<IncidentsDeps, 'afterChange'>) {
  /**
   * Slack may have created the channel just before a crash stopped us recording it, or its answer
   * may have been lost; the name we were creating is stored first, so on the retry a taken name
   * can be recognised as our own.
   */
  async function createOrAdopt(
    incident: Incident,
    name: string,
    pending: string | null,
  ): Promise<{ id: string; name: string } | null> {
    await store.incidents.update(incident.id, { channelName: name });
    try {
      return await conversation.createChannel(name, incident.isPrivate);
    } catch (error) {
      if (!(error instanceof ChannelNameTakenError)) throw error;
      if (name !== pending && !error.maybeOurs) return null;
      const own = await conversation.findOwnChannel(name);
      if (own && !(await store.incidents.findByChannel(own.id))) {
        logger.info({ incidentId: incident.id, name }, 'adopting the channel an interrupted declaration created');
        return own;
      }
      return null;
    }
  }

  async function createChannel(incident: Incident): Promise<Incident> {
    const pending = incident.channelName;
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      const name = incidentChannelName(policy.channelPrefix, incident.id, incident.title, attempt, {
        drill: isDrill(incident),
      });
      const channel = await createOrAdopt(incident, name, pending);
      if (channel) {
        return store.transaction(async (tx) => {
          await recorder.record(tx, entries.channelCreated({ incidentId: incident.id, at: clock.now() }, channel));
          await tx.incidents.markStepDone(incident.id, 'channel', clock.now());
          return tx.incidents.update(incident.id, { channelId: channel.id, channelName: channel.name });
        });
      }
      logger.info({ incidentId: incident.id, name }, 'channel name taken, trying another');
    }
    throw new IncidentError('invalid_input', `Every channel name tried for incident #${incident.id} is taken.`);
  }

  return createChannel;
}
