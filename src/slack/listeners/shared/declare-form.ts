import { declareModal } from '../../blocks/declare-modal';
import type { ModalView } from '../../blocks/kit';
import type { ListenerDeps } from '../deps';

/**
 * The declare form as `/incident declare` and the Home tab's button both open it: with a rotation,
 * whoever is primary on call leads by default; the form lets the declarer change it.
 */
export function declareFormFor(
  deps: ListenerDeps,
  form: { userId: string; title?: string; severity?: string; impact?: string; originChannelId?: string },
): ModalView {
  const commander = deps.oncall.commanderFor(form.userId);
  return declareModal({
    policy: deps.policy,
    title: form.title ?? '',
    ...(form.severity ? { severity: form.severity } : {}),
    ...(form.impact ? { impact: form.impact } : {}),
    commanderId: commander.userId,
    ...(form.originChannelId ? { originChannelId: form.originChannelId } : {}),
    ...(commander.rotation ? { onCallRotation: commander.rotation } : {}),
  });
}
