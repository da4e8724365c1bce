import { checkOptionsAnswer, type FakeSlack, type Message, type View } from './fake-slack';
import type { User } from './fake-slack/types';
import { errorsIn } from './fake-slack/validate-common';
import { formBody, payloadBody, type SignedResponse } from './signed-request';
import { eventCallback, findMenuOption, messageChangedEvent, messageDeletedEvent } from './message-events';
import { deliver, type Delivery, type Transport } from './transport';

export const TEAM = { id: 'T0TEAM', domain: 'acme' };
export const API_APP_ID = 'A0COMMANDER';
/** Events API deliveries carry a unique event_id; Slack retries reuse it, new events do not. */
let eventsSent = 0;

/** Values a person enters in a modal, keyed by input block id. */
export type ModalInput = Record<string, string | undefined>;

/**
 * Plays a Slack user: builds the payloads Slack would send for what the user does and delivers them
 * to the app's real receiver, as Slack would over the transport in use: signed HTTP requests, or
 * Socket Mode envelopes through the fake. Either way the app's ack comes back as a response (status,
 * text, json), so a flow test does not care which. Each call waits until the app has finished the
 * work the request started (`afterEach`), so tests assert on finished state without sleeping.
 */
export class SlackUser {
  constructor(
    private readonly o: {
      /** The receiver's URL; a function because a restarted app listens on a new port. */
      url: () => string;
      secret: string;
      fake: FakeSlack;
      /** 'http' (default): signed requests to `url`; 'socket': envelopes through the fake's Socket Mode side. */
      transport?: Transport;
      userId: string;
      afterEach: () => Promise<void>;
    },
  ) {}

  get id(): string {
    return this.o.userId;
  }

  /** The handle Slack sends as user_name / user.name: the fake directory's name, if it knows one. */
  private get handle(): string {
    return this.o.fake.user(this.o.userId)?.name ?? this.o.userId.toLowerCase();
  }

  private async send(delivery: Delivery, headers?: Record<string, string>): Promise<SignedResponse> {
    const response = await deliver(delivery, {
      transport: this.o.transport ?? 'http',
      url: this.o.url(),
      secret: this.o.secret,
      fake: this.o.fake,
      headers,
    });
    await this.o.afterEach();
    return response;
  }

  private interaction(payload: Record<string, unknown>, headers?: Record<string, string>): Promise<SignedResponse> {
    return this.send({ type: 'interactive', payload, body: payloadBody(payload) }, headers);
  }

  /** `/incident <text>` typed in a channel. */
  command(
    text: string,
    channelId = 'CGENERAL',
    headers?: Record<string, string>,
    /** A redelivery repeats the original's trigger_id and response_url. */
    again?: { triggerId: string; responseUrl: string },
  ): Promise<SignedResponse & { responseUrl: string; triggerId: string }> {
    const responseUrl = again?.responseUrl ?? this.o.fake.newResponseUrl();
    const triggerId = again?.triggerId ?? this.o.fake.newTriggerId();
    const fields = {
      token: 'deprecated-verification-token',
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: channelId,
      channel_name: this.o.fake.channel(channelId)?.name ?? 'general',
      user_id: this.o.userId,
      user_name: this.handle,
      command: '/incident',
      text,
      api_app_id: API_APP_ID,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    return this.send({ type: 'slash_commands', payload: fields, body: formBody(fields) }, headers).then((r) => ({
      ...r,
      responseUrl,
      triggerId,
    }));
  }

  /** Submits an open modal with the given inputs, the way Slack sends view_submission. */
  submit(view: View, input: ModalInput, headers?: Record<string, string>): Promise<SignedResponse> {
    return this.interaction(
      {
        type: 'view_submission',
        team: TEAM,
        user: { id: this.o.userId, username: this.handle, name: this.handle, team_id: TEAM.id },
        api_app_id: API_APP_ID,
        token: 'deprecated-verification-token',
        trigger_id: this.o.fake.newTriggerId(),
        view: {
          ...view.view,
          id: view.id,
          team_id: TEAM.id,
          hash: view.hash,
          state: { values: stateValues(view.view, input) },
        },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      },
      headers,
    );
  }

  /**
   * Types `typed` into a menu whose options the app gives (external select) in an open modal, as
   * Slack asks: a block_suggestion request. Slack sends it only for such a menu, and shows only an
   * answer of the right shape; the options come back checked (a wrong answer throws).
   */
  async suggest(view: View, blockId: string, typed: string): Promise<Array<{ text: { text: string }; value: string }>> {
    const block = (view.view.blocks ?? []).find((b: any) => b.block_id === blockId);
    const element = block?.element ?? block?.accessory;
    if (!element || !String(element.type).endsWith('external_select'))
      throw new Error(
        `Slack asks for options only for an external select; ${blockId} is ${element?.type ?? 'missing'}`,
      );
    if (typed.length < (element.min_query_length ?? 3))
      throw new Error(`Slack waits for ${element.min_query_length ?? 3} characters before asking`);
    const response = await this.interaction({
      type: 'block_suggestion',
      user: { id: this.o.userId, username: this.handle, name: this.handle, team_id: TEAM.id },
      container: { type: 'view', view_id: view.id },
      api_app_id: API_APP_ID,
      token: 'deprecated-verification-token',
      action_id: element.action_id,
      block_id: blockId,
      value: typed,
      team: TEAM,
      enterprise: null,
      is_enterprise_install: false,
      view: { ...view.view, id: view.id, team_id: TEAM.id, hash: view.hash, state: { values: {} } },
    });
    if (response.status !== 200) throw new Error(`the app answered the options request with ${response.status}`);
    const problems = errorsIn(checkOptionsAnswer(response.json));
    if (problems.length > 0) throw new Error(`Slack would show no options: ${problems.join('; ')}`);
    return (response.json as { options?: any[] }).options ?? [];
  }

  /**
   * Changes fields of an open modal without submitting it. Slack tells the app only of a field in
   * an input block with dispatch_action (a block_actions request with the view as it is now);
   * changing another sends nothing.
   */
  async change(view: View, input: ModalInput, blockId: string): Promise<SignedResponse | undefined> {
    const block = (view.view.blocks ?? []).find((b: any) => b.block_id === blockId);
    if (!block) throw new Error(`no block ${blockId} in the view`);
    if (!block.dispatch_action) return undefined;
    const values = stateValues(view.view, input);
    const element = values[blockId]![block.element.action_id] as Record<string, unknown>;
    return this.interaction({
      type: 'block_actions',
      team: TEAM,
      user: { id: this.o.userId, username: this.handle, name: this.handle, team_id: TEAM.id },
      api_app_id: API_APP_ID,
      token: 'deprecated-verification-token',
      container: { type: 'view', view_id: view.id },
      trigger_id: this.o.fake.newTriggerId(),
      view: {
        ...view.view,
        id: view.id,
        team_id: TEAM.id,
        type: 'modal',
        state: { values },
        hash: view.hash,
        root_view_id: view.id,
        app_id: API_APP_ID,
        bot_id: 'BCOMMANDER',
      },
      actions: [
        { ...element, action_id: block.element.action_id, block_id: blockId, action_ts: `${Date.now() / 1000}` },
      ],
    });
  }

  /** Uses the "Add to incident timeline" message shortcut on someone's message. */
  shortcut(
    message: { channel: string; ts: string; user: string; text: string; thread_ts?: string },
    callbackId = 'add_to_timeline',
  ): Promise<SignedResponse & { responseUrl: string }> {
    const responseUrl = this.o.fake.newResponseUrl();
    return this.interaction({
      type: 'message_action',
      token: 'deprecated-verification-token',
      action_ts: `${Date.now() / 1000}`,
      team: TEAM,
      user: { id: this.o.userId, name: this.handle },
      channel: { id: message.channel, name: this.o.fake.channel(message.channel)?.name ?? 'unknown' },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: this.o.fake.newTriggerId(),
      response_url: responseUrl,
      message_ts: message.ts,
      message: {
        type: 'message',
        user: message.user,
        ts: message.ts,
        text: message.text,
        ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      },
    }).then((r) => ({ ...r, responseUrl }));
  }

  /**
   * Joins (or leaves) a channel in the fake workspace, and Slack tells the app with a
   * member_joined_channel / member_left_channel event, as it does for channels the app is in.
   */
  async membership(channelId: string, joined: boolean): Promise<SignedResponse> {
    const channel = this.o.fake.channel(channelId);
    if (!channel) throw new Error(`fake Slack has no channel ${channelId}`);
    if (joined) channel.members.add(this.o.userId);
    else channel.members.delete(this.o.userId);
    return this.event({
      type: joined ? 'member_joined_channel' : 'member_left_channel',
      user: this.o.userId,
      channel: channelId,
      channel_type: channel.is_private ? 'G' : 'C',
      team: TEAM.id,
    });
  }

  /**
   * Their account changes (deactivated by an admin, a new time zone), and Slack tells the app with a
   * user_change event carrying the whole user object; `team_join` when they have just joined.
   */
  accountChanged(changes: Partial<User>, type: 'user_change' | 'team_join' = 'user_change'): Promise<SignedResponse> {
    this.o.fake.addUser({ id: this.o.userId, ...changes });
    return this.event({ type, user: this.o.fake.userJson(this.o.userId), event_ts: `${Date.now() / 1000}` });
  }

  /** Edits one of their messages; Slack tells the app with a `message` event of subtype message_changed. */
  editMessage(message: { channel: string; ts: string }, text: string): Promise<SignedResponse> {
    const { before, after } = this.o.fake.editMessage(message.channel, message.ts, text);
    const isPrivate = this.o.fake.channel(message.channel)?.is_private ?? false;
    return this.event(messageChangedEvent({ before, after, editor: this.o.userId, isPrivate }));
  }

  /** Deletes one of their messages; Slack sends a `message` event of subtype message_deleted. */
  deleteMessage(message: { channel: string; ts: string }): Promise<SignedResponse> {
    const deleted = this.o.fake.deleteMessage(message.channel, message.ts);
    return this.event(
      messageDeletedEvent({ deleted, isPrivate: this.o.fake.channel(message.channel)?.is_private ?? false }),
    );
  }

  /** Chooses an option of an overflow menu in a message only this user sees (a command's reply). */
  chooseInMenu(
    reply: { blocks?: any[]; responseUrl: string; channelId: string },
    actionId: string,
    value: string,
  ): Promise<SignedResponse> {
    const { blockId, option } = findMenuOption(reply.blocks ?? [], actionId, value);
    return this.interaction({
      type: 'block_actions',
      team: TEAM,
      user: { id: this.o.userId, username: this.handle, team_id: TEAM.id },
      api_app_id: API_APP_ID,
      token: 'deprecated-verification-token',
      container: { type: 'message', message_ts: '1.000000', channel_id: reply.channelId, is_ephemeral: true },
      trigger_id: this.o.fake.newTriggerId(),
      channel: { id: reply.channelId, name: this.o.fake.channel(reply.channelId)?.name ?? 'unknown' },
      response_url: reply.responseUrl,
      actions: [
        {
          type: 'overflow',
          action_id: actionId,
          block_id: blockId,
          selected_option: option,
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    });
  }

  /**
   * Clicks a button in a command's reply that only this user sees: in the command's acknowledgement
   * or, when it came later, the last message with blocks posted to its response_url. Slack sends
   * the click with `container.is_ephemeral` and no `message` (it keeps no copy of an ephemeral
   * message), and a response_url of the click's own.
   */
  async clickInReply(
    reply: { json?: unknown; responseUrl: string },
    channelId: string,
    actionId: string,
  ): Promise<SignedResponse & { responseUrl: string }> {
    const acked = reply.json as { blocks?: any[]; response_type?: string } | undefined;
    const posted = this.o.fake
      .responses(reply.responseUrl)
      .filter((r) => !r.error && Array.isArray(r.body?.blocks))
      .at(-1)?.body as { blocks?: any[]; response_type?: string } | undefined;
    const shown = acked?.blocks ? acked : posted;
    if (!shown?.blocks) throw new Error('the reply has no blocks to click in');
    if (shown.response_type === 'in_channel') throw new Error('the reply was posted in the channel: use click()');
    const located = findButton(shown.blocks, actionId);
    if (!located) throw new Error(`no button ${actionId} in the reply`);
    const responseUrl = this.o.fake.newResponseUrl();
    const response = await this.interaction({
      type: 'block_actions',
      team: TEAM,
      user: { id: this.o.userId, username: this.handle, name: this.handle, team_id: TEAM.id },
      api_app_id: API_APP_ID,
      token: 'deprecated-verification-token',
      container: {
        type: 'message',
        message_ts: `${Math.floor(Date.now() / 1000)}.000200`,
        channel_id: channelId,
        is_ephemeral: true,
      },
      trigger_id: this.o.fake.newTriggerId(),
      channel: { id: channelId, name: this.o.fake.channel(channelId)?.name ?? 'unknown' },
      response_url: responseUrl,
      state: { values: {} },
      actions: [buttonAction(located, actionId)],
    });
    return { ...response, responseUrl };
  }

  /** Delivers an Events API event from the workspace, as Slack does over the transport in use. */
  private async event(event: Record<string, unknown>): Promise<SignedResponse> {
    const eventId = `Ev0${String(++eventsSent).padStart(9, '0')}`;
    const payload = eventCallback(event, { eventId, apiAppId: API_APP_ID });
    const response = await this.send({
      type: 'events_api',
      payload,
      body: JSON.stringify(payload),
      contentType: 'application/json',
    });
    if (response.status !== 200) throw new Error(`the app answered the event with ${response.status} ${response.text}`);
    return response;
  }

  /** Opens a tab of the app's App Home (Home by default), as the Events API reports it. */
  async openAppHome(tab: 'home' | 'messages' = 'home'): Promise<SignedResponse> {
    const home = this.o.fake.home(this.o.userId);
    const payload = appHomeOpenedEvent({
      userId: this.o.userId,
      channel: this.o.fake.dmWith(this.o.userId),
      tab,
      eventId: `Ev0${String(++eventsSent).padStart(9, '0')}`,
      view: home ? { id: home.id, team_id: TEAM.id, type: 'home', hash: home.hash, ...home.view } : undefined,
      botUserId: 'UBOTCOMMANDER',
    });
    return this.send({ type: 'events_api', payload, body: JSON.stringify(payload), contentType: 'application/json' });
  }

  /** Clicks a button on the Home tab the app published for this user. */
  clickInHome(actionId: string): Promise<SignedResponse> {
    const home = this.o.fake.home(this.o.userId);
    if (!home) throw new Error(`no Home tab was published for ${this.o.userId}`);
    const located = findButton(home.view.blocks ?? [], actionId);
    if (!located) throw new Error(`no button ${actionId} on the Home tab of ${this.o.userId}`);
    return this.interaction({
      type: 'block_actions',
      team: TEAM,
      user: { id: this.o.userId, username: this.handle, name: this.handle, team_id: TEAM.id },
      api_app_id: API_APP_ID,
      token: 'deprecated-verification-token',
      container: { type: 'view', view_id: home.id },
      trigger_id: this.o.fake.newTriggerId(this.o.userId),
      view: {
        id: home.id,
        team_id: TEAM.id,
        type: 'home',
        ...home.view,
        state: { values: {} },
        hash: home.hash,
        root_view_id: home.id,
        app_id: API_APP_ID,
        bot_id: 'BCOMMANDER',
      },
      actions: [buttonAction(located, actionId)],
    });
  }

  /** Clicks a button on a message the app posted; `headers` as Slack sets them on a redelivery. */
  click(message: Message, actionId: string, headers?: Record<string, string>): Promise<SignedResponse> {
    const located = findButton(message.blocks ?? [], actionId);
    if (!located) throw new Error(`no button ${actionId} on message ${message.ts}`);
    return this.interaction(
      {
        type: 'block_actions',
        team: TEAM,
        user: { id: this.o.userId, username: this.handle, team_id: TEAM.id },
        api_app_id: API_APP_ID,
        token: 'deprecated-verification-token',
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
        trigger_id: this.o.fake.newTriggerId(),
        channel: { id: message.channel, name: this.o.fake.channel(message.channel)?.name ?? 'unknown' },
        message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, bot_id: 'BCOMMANDER' },
        response_url: this.o.fake.newResponseUrl(),
        actions: [buttonAction(located, actionId)],
      },
      headers,
    );
  }

  /** Clicks a button in a message only this user sees (a command's reply), answered through its response URL. */
  chooseButtonInReply(
    reply: { blocks?: any[]; responseUrl: string; channelId: string },
    actionId: string,
  ): Promise<SignedResponse> {
    const located = findButton(reply.blocks ?? [], actionId);
    if (!located) throw new Error(`no button ${actionId} in the reply`);
    return this.interaction({
      type: 'block_actions',
      team: TEAM,
      user: { id: this.o.userId, username: this.handle, team_id: TEAM.id },
      api_app_id: API_APP_ID,
      token: 'deprecated-verification-token',
      container: { type: 'message', message_ts: '1.000000', channel_id: reply.channelId, is_ephemeral: true },
      trigger_id: this.o.fake.newTriggerId(),
      channel: { id: reply.channelId, name: this.o.fake.channel(reply.channelId)?.name ?? 'unknown' },
      response_url: reply.responseUrl,
      actions: [buttonAction(located, actionId)],
    });
  }
}

/**
 * What Slack sends through the Events API when someone opens the app's Home, Messages or About
 * tab: raw JSON (not a form), signed the same way, with the published Home view if there is one.
 */
export function appHomeOpenedEvent(o: {
  userId: string;
  channel: string;
  tab: 'home' | 'messages';
  eventId: string;
  view?: unknown;
  botUserId: string;
}) {
  const now = Date.now() / 1000;
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    api_app_id: API_APP_ID,
    event: {
      type: 'app_home_opened',
      user: o.userId,
      channel: o.channel,
      tab: o.tab,
      event_ts: now.toFixed(6),
      ...(o.view ? { view: o.view } : {}),
    },
    type: 'event_callback',
    event_id: o.eventId,
    event_time: Math.floor(now),
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: o.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(o.eventId).toString('base64url')}`,
  };
}

/** The `actions` element Slack sends for a click on a located button. */
const buttonAction = (located: { blockId: string; button: any }, actionId: string) => ({
  action_id: actionId,
  block_id: located.blockId,
  text: located.button.text,
  value: located.button.value,
  type: 'button',
  action_ts: `${Date.now() / 1000}`,
});

function findButton(blocks: any[], actionId: string): { blockId: string; button: any } | undefined {
  for (const block of blocks) {
    // A section's accessory is a button too (one per line of a checklist).
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.action_id === actionId) return { blockId: block.block_id, button: element };
    }
  }
  return undefined;
}

/** Builds view.state.values as Slack does, from the element type of each input block. */
function stateValues(view: any, input: ModalInput): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input') continue;
    const element = block.element;
    const given = block.block_id in input ? input[block.block_id] : initialOf(element);
    let state: Record<string, unknown>;
    switch (element.type) {
      case 'static_select': {
        const option = (element.options ?? []).find((o: any) => o.value === given);
        if (given !== undefined && !option) throw new Error(`no option ${given} in ${block.block_id}`);
        state = { type: 'static_select', selected_option: option ?? null };
        break;
      }
      case 'checkboxes':
      case 'multi_static_select': {
        const wanted = given ? given.split(',') : [];
        const chosen = (element.options ?? []).filter((o: any) => wanted.includes(o.value));
        if (chosen.length !== wanted.length) throw new Error(`no option ${given} in ${block.block_id}`);
        state = { type: element.type, selected_options: chosen };
        break;
      }
      case 'multi_external_select': {
        // The options came from the app's answers; the view keeps only those shown as chosen.
        const wanted = given ? given.split(',') : [];
        const known = element.initial_options ?? [];
        const chosen = wanted.map(
          (value) => known.find((o: any) => o.value === value) ?? { text: { type: 'plain_text', text: value }, value },
        );
        state = { type: element.type, selected_options: chosen };
        break;
      }
      case 'users_select':
        state = { type: 'users_select', selected_user: given ?? null };
        break;
      case 'datetimepicker':
        // Slack sends the chosen instant in unix seconds (the picker shows it in the reader's zone).
        if (given !== undefined && !/^\d{10}$/.test(given)) throw new Error(`${given} is no time in unix seconds`);
        state = { type: 'datetimepicker', selected_date_time: given === undefined ? null : Number(given) };
        break;
      default:
        state = { type: element.type, value: given ?? null };
    }
    values[block.block_id] = { [element.action_id]: state };
  }
  return values;
}

function initialOf(element: any): string | undefined {
  if (element.type === 'checkboxes' || element.type.startsWith('multi_'))
    return (element.initial_options ?? []).map((o: any) => o.value).join(',') || undefined;
  if (element.type === 'datetimepicker')
    return element.initial_date_time === undefined ? undefined : String(element.initial_date_time);
  return element.initial_value ?? element.initial_option?.value ?? element.initial_user ?? undefined;
}
