import type { Incident } from '../../../incidents/incident.types';
import type { ModalView } from '../../blocks/kit';
import { updateModal } from '../../blocks/update-modal';
import type { ListenerDeps } from '../deps';

/** The update form as every button and `/incident update` open it: with the incident's services now. */
export async function updateFormFor(
  deps: Pick<ListenerDeps, 'incidents' | 'policy'>,
  incident: Incident,
): Promise<ModalView> {
  if (deps.policy.services.length === 0) return updateModal(incident);
  const chosen = (await deps.incidents.servicesOf(incident.id)).map((s) => s.id);
  return updateModal(incident, undefined, { policy: deps.policy, chosen });
}
