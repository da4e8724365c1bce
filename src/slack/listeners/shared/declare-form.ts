import { declareModal } from '../../blocks/declare-modal';
import type { ModalView } from '../../blocks/kit';
import type { ListenerDeps } from '../deps';

/**
 * The declare form as `/incident declare` and the Home tab's button both open it: with a rotation,
 * whoever is primary on call leads by default; the form lets the declarer change it.
 */
export function declareFormFor(deps: ListenerDeps, o: { userId: string; title?: string; originChannelId?: string }): ModalView {
  const commander = deps.oncall.commanderFor(o.userId);
  return declareModal({
    policy: deps.policy,
    title: o.title ?? '',
    commanderId: commander.userId,
    ...(o.originChannelId ? { originChannelId: o.originChannelId } : {}),
    ...(commander.rotation ? { onCallRotation: commander.rotation } : {}),
  });
}
