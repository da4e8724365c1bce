import { servicesOfChannel } from '../../../catalog/catalog';
import type { Service } from '../../../catalog/catalog.types';
import { declareModal } from '../../blocks/declare-modal';
import type { ModalView } from '../../blocks/kit';
import type { ListenerDeps } from '../deps';

/**
 * The declare form as `/incident declare` and the Home tab's button both open it: with a rotation,
 * whoever is primary on call leads by default; the form lets the declarer change it. Opened in a
 * team's channel, it pre-selects the services that channel belongs to, and the first of those
 * services' rotation's primary is offered instead.
 */
export function declareFormFor(
  deps: ListenerDeps,
  form: { userId: string; title?: string; severity?: string; impact?: string; originChannelId?: string },
): ModalView {
  const services = form.originChannelId ? servicesOfChannel(deps.policy.services, form.originChannelId) : [];
  // The on-call of a service the incident hurts knows it best; else the incidents' rotation's.
  const commander = serviceOnCall(deps, services) ?? deps.oncall.commanderFor(form.userId);
  return declareModal({
    policy: deps.policy,
    title: form.title ?? '',
    ...(form.severity ? { severity: form.severity } : {}),
    ...(form.impact ? { impact: form.impact } : {}),
    commanderId: commander.userId,
    ...(form.originChannelId ? { originChannelId: form.originChannelId } : {}),
    ...(commander.rotation ? { onCallRotation: commander.rotation } : {}),
    services: services.map((s) => s.id),
    // Nobody chose this person yet: choosing services may still offer their on-call instead.
    autoCommander: commander.userId,
  });
}

/** The primary on call now in the rotation of the first of `services` that has one. */
export function serviceOnCall(
  deps: Pick<ListenerDeps, 'oncall'>,
  services: readonly Service[],
): { userId: string; rotation: string } | null {
  const rotation = services.find((s) => s.oncall)?.oncall;
  const now = rotation ? deps.oncall.rotationAt(rotation) : null;
  return now ? { userId: now.primary, rotation: now.name } : null;
}
