import type { Clock } from '../../clock';
import { briefCache } from '../auth/brief-cache';
import type { ConsoleSlackPort } from '../auth/console-slack.port';

/**
 * How long a reader's private channels are believed: a minute, so that someone added to a private
 * incident's channel sees it soon, while a reader's pages ask Slack about once a minute, not once
 * per private incident (conversations.members each) as they did.
 */
const CHANNELS_FOR_MS = 60_000;

/** The private channels a reader is in (users.conversations), kept a minute; asked once at a time per reader. */
export function readerChannels(slack: Pick<ConsoleSlackPort, 'privateChannelsOf'>, clock: Clock) {
  const kept = briefCache<ReadonlySet<string>>(clock, CHANNELS_FOR_MS);
  const asking = new Map<string, Promise<ReadonlySet<string>>>();
  return (userId: string): Promise<ReadonlySet<string>> => {
    let answer = asking.get(userId);
    if (!answer) {
      answer = kept(userId, async () => new Set(await slack.privateChannelsOf(userId))).finally(() =>
        asking.delete(userId),
      );
      asking.set(userId, answer);
    }
    return answer;
  };
}
