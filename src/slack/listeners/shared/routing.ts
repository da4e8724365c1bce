import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockAction,
  BlockButtonAction,
  BlockSuggestion,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { INPUT_ACTION } from '../../blocks/ids';

export type CommandHandler = (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;
export type ButtonHandler = (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => Promise<void>;
export type ViewHandler = (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => Promise<void>;
export type MessageShortcutHandler = (
  args: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs,
) => Promise<void>;
/** A form field that tells the app as its value changes (an input block with dispatch_action). */
export type InputHandler = (args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => Promise<void>;
/** Options for a menu whose options the app gives as the person types (block_suggestion). */
export type OptionsHandler = (
  args: SlackOptionsMiddlewareArgs<BlockSuggestion['type']> & AllMiddlewareArgs,
) => Promise<void>;
export type EventHandler = (args: SlackEventMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/** Whatever Bolt hands a middleware: one request of any kind. */
export type RequestArgs = AnyMiddlewareArgs & AllMiddlewareArgs;
type Handler = (args: RequestArgs) => Promise<void>;

/** The routing table each surface's `register` fills: commands, buttons, modals, shortcuts and events by id. */
export interface Router {
  command(name: string, handler: CommandHandler): void;
  buttons(table: Record<string, ButtonHandler>): void;
  /** Submissions of the app's modals, by callback_id (a closed modal is not a submission). */
  views(table: Record<string, ViewHandler>): void;
  messageShortcut(callbackId: string, handler: MessageShortcutHandler): void;
  /**
   * Changes of a modal's fields, by `callback_id/block_id`: every field's action_id is the same
   * (INPUT_ACTION), so the block names the field.
   */
  inputs(table: Record<string, InputHandler>): void;
  /** Options requests of a menu in any of the app's views, by its block_id. */
  options(table: Record<string, OptionsHandler>): void;
  events(table: Record<string, EventHandler>): void;
  /** The handler that answers this request, matched as Bolt's app.command/action/view/shortcut/event would. */
  route(args: AnyMiddlewareArgs): Handler | undefined;
}

function add<H>(map: Map<string, Handler>, id: string, handler: H): void {
  if (map.has(id)) throw new Error(`two handlers for ${id}`);
  map.set(id, handler as unknown as Handler);
}

/**
 * One routing table for the whole app, read by one Bolt middleware (see ../index.ts). Bolt runs
 * every request through every listener's own matching chain, copying the arguments at each
 * step, so a table per surface registered as Bolt listeners still costs each acknowledgement a
 * few chains; a lookup by id here costs one step however many surfaces and ids there are.
 */
export function createRouter(): Router {
  const commands = new Map<string, Handler>();
  const buttons = new Map<string, Handler>();
  const views = new Map<string, Handler>();
  const shortcuts = new Map<string, Handler>();
  const events = new Map<string, Handler>();
  const inputs = new Map<string, Handler>();
  const options = new Map<string, Handler>();
  return {
    command: (name, handler) => add(commands, name, handler),
    buttons: (table) => {
      for (const [id, handler] of Object.entries(table)) add(buttons, id, handler);
    },
    views: (table) => {
      for (const [id, handler] of Object.entries(table)) add(views, id, handler);
    },
    messageShortcut: (callbackId, handler) => add(shortcuts, callbackId, handler),
    inputs: (table) => {
      for (const [id, handler] of Object.entries(table)) add(inputs, id, handler);
    },
    options: (table) => {
      for (const [id, handler] of Object.entries(table)) add(options, id, handler);
    },
    events: (table) => {
      for (const [type, handler] of Object.entries(table)) add(events, type, handler);
    },
    route(args) {
      const a = args as Partial<
        Record<'command' | 'action' | 'view' | 'shortcut' | 'event' | 'options', Record<string, unknown>>
      >;
      const body = args.body as { type?: string; callback_id?: string; view?: { callback_id?: string } };
      if (a.command) return commands.get(a.command.command as string);
      if (a.action) {
        if (a.action.action_id === INPUT_ACTION)
          return inputs.get(`${body.view?.callback_id}/${String(a.action.block_id)}`);
        return typeof a.action.action_id === 'string' ? buttons.get(a.action.action_id) : undefined;
      }
      if (a.options) return body.type === 'block_suggestion' ? options.get(String(a.options.block_id)) : undefined;
      if (a.view) return body.type === 'view_submission' ? views.get(body.view?.callback_id as string) : undefined;
      if (a.shortcut) return body.type === 'message_action' ? shortcuts.get(body.callback_id as string) : undefined;
      if (a.event) return typeof a.event.type === 'string' ? events.get(a.event.type) : undefined;
      return undefined;
    },
  };
}
