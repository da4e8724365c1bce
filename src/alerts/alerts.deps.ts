import type { Clock } from '../clock';
import type { Policy } from '../config/policy';
import type { Declaration, DeclareInput, SetupResult } from '../incidents/declare';
import type { Incident } from '../incidents/incident.types';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { JobRunner } from '../timers/timed-job';
import type { Recorder } from '../timeline/record';
import type { AlertOutcome } from './alert.types';
import type { AlertsPort } from './alerts.port';

/** What the alerts domain uses of the incidents service: the one way incidents are declared. */
export interface IncidentsForAlerts {
  /** Stores the incident and answers then; its set-up in the chat platform goes on in `setup`. */
  declareStored(input: Omit<DeclareInput, 'sourceViewId' | 'isPrivate'>): Promise<Declaration>;
  finishSetup(incidentId: number): Promise<SetupResult>;
  get(id: number): Promise<Incident | undefined>;
}

export interface AlertsDeps {
  store: Store;
  recorder: Recorder;
  incidents: IncidentsForAlerts;
  port: AlertsPort;
  policy: Policy;
  clock: Clock;
  logger: Logger;
  /** The on-call primary at `at` in the named rotation, else the incidents' rotation; null: no such rotation. */
  onCallPrimary: (at: number, rotation?: string) => string | null;
  /** Runs Slack work after the notification is recorded as processed (tracked so shutdown waits). */
  background: (work: () => Promise<unknown>) => void;
  /** Told each processed notification's outcome (metrics). */
  onOutcome?: (source: string, outcome: AlertOutcome) => void;
  /** Works a notice's row at once after the change that made it (the timed jobs' runner). */
  runner: Pick<JobRunner, 'runOne'>;
}

/** Impact and notice descriptions are cut to this (cutText). */
export const DESCRIPTION_MAX = 1_000;
