import type { View } from '../support/fake-slack';
import type { Harness } from '../support/harness';
import type { ModalInput, SlackUser } from '../support/slack-user';

/** The modal views.open showed most recently for a callback id. */
export function openedView(h: Harness, callbackId: string): View {
  const views = h.fake.views().filter((v) => v.view.callback_id === callbackId);
  const view = views.at(-1);
  if (!view)
    throw new Error(`no ${callbackId} modal was opened; views.open calls: ${h.fake.calls('views.open').length}`);
  return view;
}

export interface Declared {
  channelId: string;
  channelName: string;
  incidentId: number;
}

/** Runs `/incident declare` and submits the modal, as a person would. */
export async function declareIncident(
  h: Harness,
  user: SlackUser,
  input: { title: string; severity?: string; impact?: string; commander?: string; type?: string },
): Promise<Declared> {
  await user.command(`declare ${input.title}`);
  const view = openedView(h, 'declare_incident');
  const created = h.fake.okCalls('conversations.create').length;
  const response = await user.submit(view, {
    severity: input.severity ?? 'SEV1',
    impact: input.impact ?? 'Customers see errors at checkout',
    ...(input.commander ? { commander: input.commander } : {}),
    ...(input.type ? { incident_type: input.type } : {}),
  } satisfies ModalInput);
  if (response.json?.response_action !== 'update') throw new Error(`declare was refused: ${response.text}`);
  const call = h.fake.okCalls('conversations.create')[created];
  if (!call) throw new Error('no channel was created');
  const channel = call.response.channel;
  const incident = await h.commander.incidents.findByChannel(channel.id);
  return { channelId: channel.id, channelName: channel.name, incidentId: incident!.id };
}

/** The last message posted or edited in a channel whose text or blocks contain `needle`. */
export function messageContaining(h: Harness, channelId: string, needle: string) {
  return h.fake
    .messages(channelId)
    .filter((m) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`.includes(needle))
    .at(-1);
}
