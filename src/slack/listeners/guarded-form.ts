import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger';
import { modal, section, type ModalView } from '../blocks/kit';
import { userMessageFor } from './user-errors';

/**
 * Opens a form that changes an incident, then checks that the person may change it. The check can
 * ask Slack (channel membership) and a trigger_id lasts only 3 seconds, so the form opens first
 * and is replaced by the refusal if the answer is no. Submitting is checked again by the domain.
 */
export async function openGuardedForm(
  client: WebClient,
  o: { triggerId: string; view: ModalView; check: () => Promise<void>; logger: Logger },
): Promise<void> {
  const opened = await client.views.open({ trigger_id: o.triggerId, view: o.view });
  try {
    await o.check();
  } catch (error) {
    const viewId = opened.view?.id;
    if (!viewId) throw error;
    const refusal = modal({ title: o.view.title.text, close: 'Close', blocks: [section(`⛔ ${userMessageFor(error, o.logger)}`)] });
    await client.views.update({ view_id: viewId, ...(opened.view?.hash ? { hash: opened.view.hash } : {}), view: refusal });
  }
}
