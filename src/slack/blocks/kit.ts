import type { types } from '@slack/bolt';
import { INPUT_ACTION } from './ids';
import { LIMITS, plain, safeMrkdwn, truncate, withoutControls } from './text';

export type Block = types.KnownBlock;
export type ModalView = types.ModalView;
export type Option = types.PlainTextOption;

/** A message as chat.postMessage/chat.update take it: blocks plus the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** `md` is trusted mrkdwn (our own markup around already-escaped user text). */
export const section = (md: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(md, LIMITS.sectionText) },
});

export const fields = (...items: string[]): Block => ({
  type: 'section',
  fields: items.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncate(text, LIMITS.field) })),
});

/** A labelled block of user text: the label is ours, the body is escaped and cut to fit. */
export const labelled = (label: string, userText: string): Block =>
  section(`*${label}*\n${safeMrkdwn(userText || '-', LIMITS.sectionText - label.length - 4)}`);

export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: plain(text, LIMITS.header), emoji: true },
});

export const context = (md: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(md, LIMITS.sectionText) }],
});

export const divider = (): Block => ({ type: 'divider' });

export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button => ({
  type: 'button',
  text: { type: 'plain_text', text: plain(text, LIMITS.buttonText), emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, ...elements: types.Button[]): Block => ({
  type: 'actions',
  block_id: blockId,
  elements,
});

export const option = (text: string, value: string, description?: string): Option => ({
  text: { type: 'plain_text', text: plain(text, LIMITS.optionText), emoji: true },
  value,
  ...(description ? { description: { type: 'plain_text', text: plain(description, LIMITS.optionText) } } : {}),
});

interface InputOptions {
  label: string;
  optional?: boolean;
  hint?: string;
  /** Slack tells the app (block_actions) as soon as the value changes, not only on submit. */
  dispatchAction?: boolean;
}

const input = (blockId: string, element: types.InputBlockElement, field: InputOptions): Block => ({
  type: 'input',
  block_id: blockId,
  label: { type: 'plain_text', text: field.label },
  optional: field.optional ?? false,
  element,
  ...(field.hint ? { hint: { type: 'plain_text', text: field.hint } } : {}),
  ...(field.dispatchAction ? { dispatch_action: true } : {}),
});

export const textInput = (
  blockId: string,
  field: InputOptions & { multiline?: boolean; initial?: string; maxLength?: number; placeholder?: string },
): Block => {
  const maxLength = field.maxLength ?? LIMITS.plainTextInput;
  return input(
    blockId,
    {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      multiline: field.multiline ?? false,
      max_length: maxLength,
      ...(field.initial ? { initial_value: truncate(withoutControls(field.initial), maxLength) } : {}),
      ...(field.placeholder ? { placeholder: { type: 'plain_text', text: field.placeholder } } : {}),
    },
    field,
  );
};

export const selectInput = (blockId: string, options: Option[], field: InputOptions & { initial?: string }): Block => {
  const initial = options.find((opt) => opt.value === field.initial);
  return input(
    blockId,
    {
      type: 'static_select',
      action_id: INPUT_ACTION,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
    field,
  );
};

/** Several of a list, searchable by typing; the submitted value is the chosen values joined with commas. */
export const multiSelectInput = (
  blockId: string,
  options: Option[],
  field: InputOptions & { initial?: readonly string[]; placeholder?: string },
): Block => {
  const initial = options.filter((opt) => opt.value !== undefined && field.initial?.includes(opt.value));
  return input(
    blockId,
    {
      type: 'multi_static_select',
      action_id: INPUT_ACTION,
      options,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
      ...(field.placeholder ? { placeholder: { type: 'plain_text', text: field.placeholder } } : {}),
    },
    field,
  );
};

/**
 * Several of a list too long for a static menu (Slack allows 100 options): Slack asks the app for
 * options as the person types (a block_suggestion request); `initial` are shown chosen.
 */
export const externalMultiSelectInput = (
  blockId: string,
  field: InputOptions & { initial: Option[]; placeholder?: string },
): Block =>
  input(
    blockId,
    {
      type: 'multi_external_select',
      action_id: INPUT_ACTION,
      // Opening the menu lists the first options before anything is typed.
      min_query_length: 0,
      ...(field.initial.length > 0 ? { initial_options: field.initial } : {}),
      ...(field.placeholder ? { placeholder: { type: 'plain_text', text: field.placeholder } } : {}),
    },
    field,
  );

/** Tick boxes; the submitted value is the ticked options' values joined with commas. */
export const checkboxInput = (
  blockId: string,
  options: Option[],
  field: InputOptions & { initial?: readonly string[] },
): Block => {
  const initial = options.filter((opt) => opt.value !== undefined && field.initial?.includes(opt.value));
  return input(
    blockId,
    {
      type: 'checkboxes',
      action_id: INPUT_ACTION,
      options,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
    { optional: true, ...field },
  );
};

/** A date and time, which Slack shows in each reader's own time zone; submitted as unix seconds. */
export const dateTimeInput = (blockId: string, field: InputOptions & { initial?: number }): Block =>
  input(
    blockId,
    {
      type: 'datetimepicker',
      action_id: INPUT_ACTION,
      ...(field.initial !== undefined ? { initial_date_time: Math.floor(field.initial / 1000) } : {}),
    },
    field,
  );

export const userInput = (blockId: string, field: InputOptions & { initial?: string }): Block =>
  input(
    blockId,
    { type: 'users_select', action_id: INPUT_ACTION, ...(field.initial ? { initial_user: field.initial } : {}) },
    field,
  );

export function modal(view: {
  callbackId?: string;
  title: string;
  submit?: string;
  close?: string;
  blocks: Block[];
  metadata?: Record<string, unknown>;
}): ModalView {
  return {
    type: 'modal',
    ...(view.callbackId ? { callback_id: view.callbackId } : {}),
    title: { type: 'plain_text', text: plain(view.title, LIMITS.modalTitle) },
    ...(view.submit ? { submit: { type: 'plain_text', text: view.submit } } : {}),
    close: { type: 'plain_text', text: view.close ?? 'Cancel' },
    blocks: view.blocks,
    ...(view.metadata ? { private_metadata: JSON.stringify(view.metadata) } : {}),
  };
}
