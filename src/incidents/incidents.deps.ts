import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Logger } from '../logger';
import type { Repositories, Tx } from '../store';
import type { Incident } from './incident.types';
import type { Recorder } from '../timeline/record';
import type { AfterChange } from './after-change';
import type { ConversationPort } from './conversation.port';
import type { ServiceTeamsPort } from './service-teams.port';

export interface IncidentsDeps {
  store: Repositories<
    'incidents' | 'incidentServices' | 'statusUpdates' | 'timeline' | 'postmortemFacts' | 'leases' | 'transaction'
  >;
  /** The one way entries reach the timeline (and webhooks and metrics hear of them). */
  recorder: Recorder;
  conversation: ConversationPort;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** Told of every change, inside its transaction (the composition root, src/app/services.ts, wires the reminders to it). */
  afterChange?: AfterChange;
  /**
   * Asked inside the resolve's transaction, before anything is written: throws the sentence that
   * refuses resolving (required checklist items left undone, src/checklists/resolve-check.ts).
   */
  beforeResolve?: (incident: Incident, tx: Tx) => Promise<void>;
  /** Reaches the teams of the services an incident hurts (without it, nobody is reached). */
  serviceTeams?: ServiceTeamsPort;
  /** The primary on call in the named rotation at a time: a hurt service's rotation is invited. */
  onCallPrimary?: (rotation: string, at: number) => string | null;
}
