import type { Clock } from '../../clock';
import type { Policy } from '../../config/policy';
import type { Repositories } from '../../store';
import type { ChatText } from '../../text/rich-text';
import type { TimelineChanges } from './timeline-changes';

/** What the console's pages need; the composition root gives them (the server adds sign-in). */
export interface ConsoleDeps {
  store: Repositories<
    | 'incidents'
    | 'incidentServices'
    | 'statusUpdates'
    | 'followups'
    | 'timeline'
    | 'people'
    | 'keyTimes'
    | 'postmortemFacts'
    | 'console'
    | 'checklists'
  >;
  policy: Policy;
  clock: Clock;
  /** Reads what people wrote, in the chat platform's markup (the export's reader). */
  chat: ChatText;
  /**
   * The private channels a person is in (of those the app is in): private incidents are shown to
   * their channel's members. One answer per reader serves every private incident on a page.
   */
  privateChannels: (userId: string) => Promise<ReadonlySet<string>>;
  /** Incidents whose timeline this process changed: the event stream of an incident page listens. */
  timelineChanges: TimelineChanges;
  /** The workspace's id, for links to channels in Slack; null: no link. */
  teamId: string | null;
}
