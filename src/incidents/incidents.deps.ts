import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Repositories } from '../store';
import type { AfterChange } from './after-change';
import type { ConversationPort } from './conversation.port';

export interface IncidentsDeps {
  store: Repositories<'incidents' | 'statusUpdates' | 'timeline' | 'postmortemFacts' | 'leases' | 'transaction'>;
  conversation: ConversationPort;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** Told of every change, inside its transaction (app.ts wires the reminders to it). */
  afterChange?: AfterChange;
}
