import { declareModal } from '../../blocks/declare-modal';
import type { ModalView } from '../../blocks/kit';
import type { ListenerDeps } from '../deps';

/**
 * The declare form as `/incident declare` and the Home tab's button both open it: with a rotation,
 * whoever is primary on call leads by default; the form lets the declarer change it.
 */
export function declareFormFor(deps: ListenerDeps, form: { userId: string; title?: string; originChannelId?: string }): ModalView {
  const commander = deps.oncall.commanderFor(form.userId);
  return declareModal({
    policy: deps.policy,
    title: form.title ?? '',
    commanderId: commander.userId,
    ...(form.originChannelId ? { originChannelId: form.originChannelId } : {}),
    ...(commander.rotation ? { onCallRotation: commander.rotation } : {}),
  });
}
