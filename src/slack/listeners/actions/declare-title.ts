import type { ModalView } from '../../blocks/kit';
import { FIELD } from '../../blocks/ids';
import { SIMILAR_BLOCK, similarIncidentsBlocks } from '../../blocks/similar-incidents';
import { ignoreSlackErrors } from '../../adapters/slack-errors';
import type { ListenerDeps } from '../deps';
import type { InputHandler } from '../shared/routing';
import { servicesNamedIn } from '../shared/service-ids';
import { readInputs } from '../shared/view-state';

/**
 * A title typed into an open declare form: the form shows, under it, up to three resolved incidents
 * most like it that the person typing may see ("Is this a known issue?"), or none. The update
 * carries the view's hash, so it loses to any newer change of the form rather than undoing it.
 */
export const showSimilarInForm =
  (deps: ListenerDeps): InputHandler =>
  async ({ ack, body, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const state = readInputs(view.state.values as Parameters<typeof readInputs>[0]);
    const title = state[FIELD.title] ?? '';
    const services = servicesNamedIn(deps.policy, state[FIELD.services]).map((s) => s.id);
    const found = title.trim() ? await deps.similar.matching(title, { viewer: body.user.id }, { services }) : [];
    const blocks = (view.blocks as ModalView['blocks']).filter((b) => b.block_id !== SIMILAR_BLOCK);
    const at = blocks.findIndex((b) => b.block_id === FIELD.title) + 1;
    blocks.splice(at, 0, ...similarIncidentsBlocks(found, deps.policy, deps.consoleUrl));
    if (JSON.stringify(blocks) === JSON.stringify(view.blocks)) return;
    const next: ModalView = {
      type: 'modal',
      callback_id: view.callback_id,
      title: view.title,
      ...(view.submit ? { submit: view.submit } : {}),
      ...(view.close ? { close: view.close } : {}),
      blocks,
      private_metadata: view.private_metadata,
    };
    try {
      await client.views.update({ view_id: view.id, hash: view.hash, view: next });
    } catch (error) {
      // Closed, submitted or typed into again meanwhile: the newer form stands.
      ignoreSlackErrors(error, 'not_found', 'hash_conflict');
    }
  };
