import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../logger';
import { modal, section, type ModalView } from '../../blocks/kit';
import { ignoreSlackErrors } from '../../adapters/slack-errors';
import { userMessageFor } from './user-errors';
import { type Settled, within } from './within';

/*
 * Why incident forms open the way they do.
 *
 * A form is opened with a trigger_id, which Slack takes once and only within 3 seconds of the
 * click or command. Whether someone may use an incident's form can depend on whether they are in
 * its channel, and asking Slack that (conversations.members) can be slow. Opening the form first
 * and checking after keeps the trigger safe but shows the incident, a private title included, to
 * someone who may not see it until the refusal replaces it; checking first and opening after
 * risks an expired trigger. So:
 *  - membership is usually known without asking Slack: the app keeps what member_joined_channel
 *    and member_left_channel events and recent lookups told it (slack/adapters/membership-cache.ts), and
 *    the check answers at once;
 *  - when Slack must be asked, its answer is awaited for at most the acknowledgement budget;
 *  - later than that, the trigger opens a neutral "Checking…" form that says nothing about the
 *    incident, and it becomes the form, or the refusal, once Slack has answered.
 * A refusal known before anything is opened is told privately and no form opens at all. What a
 * form submits is checked again by the domain.
 */

const TITLE = 'Commander';

export const checkingView = (): ModalView =>
  modal({ title: TITLE, close: 'Close', blocks: [section('⏳ Checking that you can use this form…')] });

export const refusalView = (text: string): ModalView =>
  modal({ title: TITLE, close: 'Close', blocks: [section(`⛔ ${text}`)] });

/**
 * Opens the form `decided` settles on, waiting for it at most `waitMs` before the neutral form
 * takes the trigger. A refusal known in time is thrown, for the caller to tell privately.
 */
export async function openFormWhenAllowed(
  client: WebClient,
  form: { triggerId: string; decided: Promise<Settled<ModalView>>; waitMs: number; logger: Logger },
): Promise<void> {
  const quick = await within(form.waitMs, form.decided);
  if (quick) {
    if (!quick.ok) throw quick.error;
    await client.views.open({ trigger_id: form.triggerId, view: quick.value });
    return;
  }
  const opened = await client.views.open({ trigger_id: form.triggerId, view: checkingView() });
  const late = await form.decided;
  const viewId = opened.view?.id;
  if (!viewId) return;
  const view = late.ok ? late.value : refusalView(userMessageFor(late.error, form.logger));
  // The person may have closed the form meanwhile; then there is nothing left to show.
  await client.views.update({ view_id: viewId, view }).catch((error) => ignoreSlackErrors(error, 'not_found'));
}
