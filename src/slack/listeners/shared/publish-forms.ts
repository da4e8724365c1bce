import type { Incident, Status } from '../../../incidents/incident.types';
import { StatusPageError } from '../../../statuspage/statuspage.errors';
import type { ModalView } from '../../blocks/kit';
import { publishModal } from '../../blocks/publish-fields';
import { resolveModal, updateModal } from '../../blocks/update-modal';
import { unfinishedNote } from '../../blocks/checklist-message';
import type { ListenerDeps } from '../deps';

/** Builds an incident's form for the person opening it. */
export type IncidentFormBuilder = (incident: Incident, userId: string) => ModalView | Promise<ModalView>;

/**
 * The update form as every button and `/incident update` open it: with the incident's services now
 * (when there is a catalog), and the status page part when this person may publish this incident.
 */
export const updateForm =
  (deps: ListenerDeps, preset?: { status?: Status }): IncidentFormBuilder =>
  async (incident, userId) => {
    const [draft, chosen] = await Promise.all([
      deps.statusPage.draft(incident.id, { by: userId, status: preset?.status ?? incident.status }),
      deps.policy.services.length === 0 ? undefined : deps.incidents.servicesOf(incident.id),
    ]);
    const services = chosen && { policy: deps.policy, chosen: chosen.map((s) => s.id) };
    return updateModal(incident, preset, draft, services);
  };

/** The resolve form, naming the required checklist items left undone (and whether they block resolving). */
export const resolveForm =
  (deps: ListenerDeps): IncidentFormBuilder =>
  async (incident, userId) => {
    const [draft, blockers] = await Promise.all([
      deps.statusPage.draft(incident.id, { by: userId, status: 'resolved' }),
      deps.checklists.blockers(incident.id),
    ]);
    return resolveModal(incident, draft, unfinishedNote(blockers));
  };

/** `/incident statuspage` and the comms reminder's button: refused, with the reason, to whoever may not publish. */
export const publishForm =
  (deps: ListenerDeps): IncidentFormBuilder =>
  async (incident, userId) => {
    const draft = await deps.statusPage.draft(incident.id, { by: userId });
    if (!draft)
      throw (
        (await deps.statusPage.refusal(incident.id, userId)) ??
        new StatusPageError('not_allowed', 'This incident cannot be published.')
      );
    return publishModal(incident, draft);
  };
