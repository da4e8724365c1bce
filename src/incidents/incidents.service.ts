import type { TimedJob } from '../timers/timed-job';
import { type AcknowledgeResult, createAcknowledge } from './acknowledge';
import type { Service } from '../catalog/catalog.types';
import { createAffectedServices, type ServicesChange } from './affected-services';
import { type ChangeResult, createChanges } from './changes';
import { createDeclare, type Declaration, type DeclareInput, type SetupHooks, type SetupResult } from './declare';
import { IncidentError } from './incidents.errors';
import { createRecordPast, type PastIncidentInput } from './record-past';
import type { IncidentsDeps } from './incidents.deps';
import type { Incident } from './incident.types';
import { type Access, accessOf, type AccessNeed, requireAccess } from './permissions';
import {
  createStatusUpdates,
  type ResolveHooks,
  type ResolveInput,
  type UpdateInput,
  type UpdateResult,
} from './status-updates';

/** Everything that can be done with incidents, and the one way each is done. */
export interface IncidentsService {
  /** Records the incident (once per key) and sets it up in the chat platform. */
  declare(input: DeclareInput, hooks?: SetupHooks): Promise<SetupResult & { created: boolean }>;
  /** Records the incident (once per key) and answers then; the set-up goes on in the declaration's `setup`. */
  declareStored(input: DeclareInput): Promise<Declaration>;
  /** Finishes declarations a crash or an outage left half done (called at start-up). */
  /** Waits for (or starts) an incident's channel set-up. */
  finishSetup(incidentId: number): Promise<SetupResult>;
  resumeSetups(): Promise<SetupResult[]>;
  /** Tries again the unfinished declarations whose next attempt is due (a timed job). */
  setupJob: TimedJob;
  /** Records an incident that already ended (`/incident record`): resolved, no reminders or escalation, ever. */
  recordPast(input: PastIncidentInput): Promise<SetupResult & { created: boolean }>;
  postUpdate(input: UpdateInput): Promise<UpdateResult>;
  resolve(input: ResolveInput, hooks?: ResolveHooks): Promise<UpdateResult>;
  changeSeverity(input: {
    incidentId: number;
    severity: string;
    reason: string;
    actorId: string;
  }): Promise<ChangeResult>;
  assignRole(input: { incidentId: number; role: string; userId: string; actorId: string }): Promise<ChangeResult>;
  reopen(input: { incidentId: number; reason: string; actorId: string }): Promise<ChangeResult>;
  /** Adds and removes affected services (catalog ids); each change is on the timeline, and their teams are reached. */
  changeServices(input: {
    incidentId: number;
    add: string[];
    remove: string[];
    actorId: string;
  }): Promise<ServicesChange>;
  /** The incident's affected services, as the catalog has them. */
  servicesOf(incidentId: number): Promise<Service[]>;
  /** The commander, or a person called in, says they are on it. */
  acknowledge(input: { incidentId: number; userId: string }): Promise<AcknowledgeResult>;
  /** Throws the sentence that refuses this person a role (an app, unknown to the platform, deactivated). */
  checkAssignee(userId: string): Promise<void>;
  get(id: number): Promise<Incident | undefined>;
  findByChannel(channelId: string): Promise<Incident | undefined>;
  access(incident: Incident, userId: string): Promise<Access>;
  /**
   * The incident (by number, or as read) if the person may do what they ask; else the refusal.
   * This and requireInChannel are the checks before a form opens or a command runs: channel
   * membership is taken from what the app remembers unless `need` asks to confirm it, since the
   * change the person then makes confirms it (permissions.ts).
   */
  requireAccess(incident: number | Incident | undefined, userId: string, need: AccessNeed): Promise<Incident>;
  /**
   * The incident of the channel a command came from. The channel id arrives over the wire, so
   * it is checked like any other: to someone who may not see it, a private incident's channel
   * is answered as any other channel is.
   */
  requireInChannel(channelId: string, userId: string, need: Omit<AccessNeed, 'hidden'>): Promise<Incident>;
}

const notAnIncidentChannel = () =>
  new IncidentError(
    'incident_not_found',
    'This is not an incident channel. Run this command in the channel of the incident.',
  );

export function createIncidentsService(deps: IncidentsDeps): IncidentsService {
  const { store, policy, conversation } = deps;
  const declaring = createDeclare(deps);
  const updates = createStatusUpdates(deps);
  const changes = createChanges(deps);
  const services = createAffectedServices(deps);
  return {
    declare: declaring.declare,
    declareStored: declaring.declareStored,
    finishSetup: declaring.finishSetup,
    resumeSetups: declaring.resumeSetups,
    setupJob: declaring.setupJob,
    recordPast: createRecordPast(deps, declaring.finishSetup),
    postUpdate: updates.postUpdate,
    resolve: updates.resolve,
    changeSeverity: changes.changeSeverity,
    assignRole: changes.assignRole,
    reopen: changes.reopen,
    changeServices: services.change,
    servicesOf: services.of,
    acknowledge: createAcknowledge(deps),
    checkAssignee: changes.checkAssignee,
    get: (id) => store.incidents.get(id),
    findByChannel: (channelId) => store.incidents.findByChannel(channelId),
    access: (incident, userId) => accessOf(incident, userId, policy, conversation.isMember),
    async requireAccess(incident, userId, need) {
      const found = typeof incident === 'number' ? await store.incidents.get(incident) : incident;
      return requireAccess(found, userId, { confirmMembership: false, ...need }, policy, conversation.isMember);
    },
    requireInChannel: async (channelId, userId, need) =>
      requireAccess(
        await store.incidents.findByChannel(channelId),
        userId,
        { confirmMembership: false, ...need, hidden: notAnIncidentChannel },
        policy,
        conversation.isMember,
      ),
  };
}
