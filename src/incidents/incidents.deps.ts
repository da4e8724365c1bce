import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { ConversationPort } from './conversation.port';

export interface IncidentsDeps {
  store: Store;
  conversation: ConversationPort;
  policy: Policy;
  clock: Clock;
  logger: Logger;
}
