import { z } from 'zod';
import type { ModalView } from '../../blocks/kit';
import { commanderInput } from '../../blocks/declare-modal';
import { FIELD } from '../../blocks/ids';
import { ignoreSlackErrors } from '../../adapters/slack-errors';
import type { ListenerDeps } from '../deps';
import { serviceOnCall } from '../shared/declare-form';
import type { InputHandler } from '../shared/routing';
import { servicesNamedIn } from '../shared/service-ids';
import { parseMetadata, readInputs } from '../shared/view-state';

const DeclareMetadata = z.object({ originChannelId: z.string().optional(), autoCommander: z.string().optional() });

/**
 * Services chosen in an open declare form while nobody has chosen a commander (the field is empty
 * or still holds whom the form put there for lack of a choice): the form offers the first chosen
 * service's on-call primary instead, as a declaration from a team's channel does. A person's own
 * choice is never replaced. The update carries the view's hash, so it loses to any newer change
 * of the form rather than undoing it.
 */
export const offerServiceOnCall =
  (deps: ListenerDeps): InputHandler =>
  async ({ ack, body, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const metadata = parseMetadata(DeclareMetadata, view.private_metadata) ?? {};
    const state = readInputs(view.state.values as Parameters<typeof readInputs>[0]);
    const current = state[FIELD.commander];
    if (current && current !== metadata.autoCommander) return;
    const offer = serviceOnCall(deps, servicesNamedIn(deps.policy, state[FIELD.services]));
    if (!offer || offer.userId === current) return;
    const next: ModalView = {
      type: 'modal',
      callback_id: view.callback_id,
      title: view.title,
      ...(view.submit ? { submit: view.submit } : {}),
      ...(view.close ? { close: view.close } : {}),
      blocks: (view.blocks as ModalView['blocks']).map((block) =>
        block.block_id === FIELD.commander ? commanderInput(offer.userId, offer.rotation) : block,
      ),
      private_metadata: JSON.stringify({ ...metadata, autoCommander: offer.userId }),
    };
    try {
      await client.views.update({ view_id: view.id, hash: view.hash, view: next });
    } catch (error) {
      // Closed, submitted or changed again meanwhile: the newer form stands.
      ignoreSlackErrors(error, 'not_found', 'hash_conflict');
      deps.logger.info({ viewId: view.id }, 'declare form changed before its commander could be offered');
    }
  };
