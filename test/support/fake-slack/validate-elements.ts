import {
  checkArray,
  checkEnum,
  checkString,
  checkText,
  checkTextObject,
  error,
  isObject,
  warning,
  type Issues,
  type Json,
} from './validate-common';

/** Where an element sits decides which element types Slack allows there. */
export type Place = 'section' | 'actions' | 'input' | 'context';

const SELECTS = ['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select'];
const MULTI_SELECTS = SELECTS.map((t) => `multi_${t}`);
const PICKERS = ['datepicker', 'timepicker', 'datetimepicker'];
const CHOICES = ['checkboxes', 'radio_buttons'];
const TEXT_INPUTS = [
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
];

const ALLOWED: Record<Place, readonly string[]> = {
  section: ['button', 'overflow', 'image', 'workflow_button', ...SELECTS, ...MULTI_SELECTS, ...PICKERS, ...CHOICES],
  actions: [
    'button',
    'overflow',
    'workflow_button',
    'rich_text_input',
    ...SELECTS,
    ...MULTI_SELECTS,
    ...PICKERS,
    ...CHOICES,
  ],
  input: [...SELECTS, ...MULTI_SELECTS, ...PICKERS, ...CHOICES, ...TEXT_INPUTS],
  context: ['image', 'plain_text', 'mrkdwn'],
};

export function checkElement(issues: Issues, element: unknown, at: string, place: Place): void {
  if (!isObject(element)) return error(issues, 'must provide an object', at);
  const type = element.type;
  if (typeof type !== 'string') return error(issues, 'missing required field: type', at);
  if (!ALLOWED[place].includes(type)) return error(issues, `unsupported type: ${type}`, `${at}/type`);
  checkString(issues, element, 'action_id', at, 255);
  checkText(issues, element, 'placeholder', at, { max: 150, plainOnly: true });
  if (element.confirm !== undefined) checkConfirm(issues, element.confirm, `${at}/confirm`);

  if (type === 'plain_text' || type === 'mrkdwn') return checkTextObject(issues, element, at, { max: 3000 });
  if (type === 'image') return checkImage(issues, element, at);
  if (type === 'button') return checkButton(issues, element, at);
  if (type === 'overflow') {
    checkOptionList(issues, element, at, { max: 5, min: 1, required: true });
    return;
  }
  if (type === 'static_select' || type === 'multi_static_select')
    return checkStaticSelect(issues, element, at, type.startsWith('multi_'));
  if (type === 'external_select' || type === 'multi_external_select')
    return checkExternalSelect(issues, element, at, type.startsWith('multi_'));
  if (CHOICES.includes(type)) return checkChoices(issues, element, at, type === 'checkboxes');
  if (type === 'plain_text_input') return checkPlainTextInput(issues, element, at);
  if (type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean')
    error(issues, 'missing required field: is_decimal_allowed', at);
  if (
    type === 'datepicker' &&
    element.initial_date !== undefined &&
    !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date))
  ) {
    error(issues, 'must be a date in the format YYYY-MM-DD', `${at}/initial_date`);
  }
  if (
    type === 'timepicker' &&
    element.initial_time !== undefined &&
    !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(element.initial_time))
  ) {
    error(issues, 'must be a time in the format HH:mm', `${at}/initial_time`);
  }
  if (
    type === 'datetimepicker' &&
    element.initial_date_time !== undefined &&
    !(Number.isInteger(element.initial_date_time) && /^\d{10}$/.test(String(element.initial_date_time)))
  ) {
    error(issues, 'must be a UNIX timestamp in seconds (10 digits)', `${at}/initial_date_time`);
  }
  if (
    type.startsWith('multi_') &&
    element.max_selected_items !== undefined &&
    !(Number(element.max_selected_items) >= 1)
  ) {
    error(issues, 'must be at least 1', `${at}/max_selected_items`);
  }
}

export function checkImage(issues: Issues, image: Json, at: string): void {
  checkString(issues, image, 'alt_text', at, 2000, { required: true });
  if (image.image_url === undefined && image.slack_file === undefined)
    error(issues, 'missing required field: image_url', at);
  checkString(issues, image, 'image_url', at, 3000);
}

function checkButton(issues: Issues, button: Json, at: string): void {
  checkText(issues, button, 'text', at, { max: 75, required: true, plainOnly: true });
  checkString(issues, button, 'value', at, 2000);
  checkString(issues, button, 'url', at, 3000);
  checkString(issues, button, 'accessibility_label', at, 75);
  checkEnum(issues, button, 'style', at, ['primary', 'danger']);
}

function checkConfirm(issues: Issues, confirm: unknown, at: string): void {
  if (!isObject(confirm)) return error(issues, 'must provide an object', at);
  checkText(issues, confirm, 'title', at, { max: 100, required: true, plainOnly: true });
  checkText(issues, confirm, 'text', at, { max: 300, required: true });
  checkText(issues, confirm, 'confirm', at, { max: 30, required: true, plainOnly: true });
  checkText(issues, confirm, 'deny', at, { max: 30, required: true, plainOnly: true });
  checkEnum(issues, confirm, 'style', at, ['primary', 'danger']);
}

function checkStaticSelect(issues: Issues, select: Json, at: string, multi: boolean): void {
  const hasGroups = select.option_groups !== undefined;
  if (hasGroups && select.options !== undefined) error(issues, 'must provide only one of options or option_groups', at);
  let all: unknown[];
  if (hasGroups) {
    all = [];
    const groups = checkArray(issues, select, 'option_groups', at, { max: 100, min: 1 });
    groups.forEach((group, g) => {
      const groupAt = `${at}/option_groups/${g}`;
      if (!isObject(group)) return error(issues, 'must provide an object', groupAt);
      checkText(issues, group, 'label', groupAt, { max: 75, required: true, plainOnly: true });
      all.push(...checkOptionList(issues, group, groupAt, { max: 100, min: 1, required: true }));
    });
  } else {
    all = checkOptionList(issues, select, at, { max: 100, min: 1, required: true });
  }
  checkInitialOptions(issues, select, at, all, multi);
}

/**
 * A menu whose options Slack asks the app for: it carries none itself; what it shows as chosen
 * must be whole options, since Slack has no list to find them in.
 */
function checkExternalSelect(issues: Issues, select: Json, at: string, multi: boolean): void {
  if (select.options !== undefined || select.option_groups !== undefined)
    error(issues, 'external selects take their options from the app, not the view', at);
  const min = select.min_query_length;
  if (min !== undefined && !(Number.isInteger(min) && (min as number) >= 0))
    error(issues, 'must be a non-negative integer', `${at}/min_query_length`);
  const key = multi ? 'initial_options' : 'initial_option';
  const given = select[key];
  if (given === undefined || given === null) return;
  const initial = multi ? (Array.isArray(given) ? given : [given]) : [given];
  if (multi && !Array.isArray(given)) error(issues, 'must provide an array', `${at}/${key}`);
  initial.forEach((option, i) => checkOption(issues, option, multi ? `${at}/${key}/${i}` : `${at}/${key}`, false));
}

/**
 * What the app answers to a block_suggestion request, checked as Slack does before showing the
 * menu: `options` or `option_groups` (not both), at most 100 of either, each a plain-text option.
 * Slack shows the person nothing (and the app no error) when the answer is wrong.
 */
export function checkOptionsAnswer(answer: unknown): Issues {
  const issues: Issues = [];
  if (!isObject(answer)) {
    error(issues, 'must provide an object', '');
    return issues;
  }
  if (answer.options !== undefined && answer.option_groups !== undefined)
    error(issues, 'must provide only one of options or option_groups', '');
  if (answer.option_groups !== undefined) {
    const groups = checkArray(issues, answer, 'option_groups', '', { max: 100, min: 0 });
    groups.forEach((group, g) => {
      if (!isObject(group)) return error(issues, 'must provide an object', `/option_groups/${g}`);
      checkText(issues, group, 'label', `/option_groups/${g}`, { max: 75, required: true, plainOnly: true });
      checkOptionList(issues, group, `/option_groups/${g}`, { max: 100, min: 1, required: true });
    });
  } else {
    checkOptionList(issues, answer, '', { max: 100, min: 0, required: true });
  }
  return issues;
}

function checkChoices(issues: Issues, element: Json, at: string, multi: boolean): void {
  const options = checkOptionList(issues, element, at, { max: 10, min: 1, required: true, mrkdwn: true });
  checkInitialOptions(issues, element, at, options, multi);
}

function checkOptionList(
  issues: Issues,
  parent: Json,
  at: string,
  o: { max: number; min: number; required: boolean; mrkdwn?: boolean },
): unknown[] {
  const options = checkArray(issues, parent, 'options', at, o);
  options.forEach((option, i) => checkOption(issues, option, `${at}/options/${i}`, o.mrkdwn ?? false));
  return options;
}

function checkOption(issues: Issues, option: unknown, at: string, mrkdwn: boolean): void {
  if (!isObject(option)) return error(issues, 'must provide an object', at);
  checkText(issues, option, 'text', at, { max: 75, required: true, plainOnly: !mrkdwn });
  checkText(issues, option, 'description', at, { max: 75, plainOnly: !mrkdwn });
  checkString(issues, option, 'value', at, 150, { required: true });
  // @slack/types documents 75 for option values, older Slack docs 150; Slack accepts 150, so the
  // fake does too but says so, in case the app relies on the looser limit.
  if (typeof option.value === 'string' && option.value.length > 75 && option.value.length <= 150) {
    warning(issues, 'option values over 75 characters exceed the @slack/types limit', `${at}/value`);
  }
  checkString(issues, option, 'url', at, 3000);
}

/** initial_option(s) must be one of the element's options, compared by value and text. */
function checkInitialOptions(issues: Issues, element: Json, at: string, options: unknown[], multi: boolean): void {
  const key = multi ? 'initial_options' : 'initial_option';
  const given = element[key];
  if (given === undefined || given === null) return;
  const initial = multi ? (Array.isArray(given) ? given : [given]) : [given];
  initial.forEach((candidate, i) => {
    const matches = options.some((option) => sameOption(option, candidate));
    if (!matches) error(issues, 'must match one of the provided options', multi ? `${at}/${key}/${i}` : `${at}/${key}`);
  });
}

function sameOption(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  const textA = isObject(a.text) ? a.text : {};
  const textB = isObject(b.text) ? b.text : {};
  return a.value === b.value && textA.text === textB.text && textA.type === textB.type;
}

function checkPlainTextInput(issues: Issues, input: Json, at: string): void {
  const max = input.max_length;
  const min = input.min_length;
  if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1 && (max as number) <= 3000)) {
    error(issues, 'must be an integer from 1 to 3000', `${at}/max_length`);
  }
  if (min !== undefined && !(Number.isInteger(min) && (min as number) >= 0 && (min as number) <= 3000)) {
    error(issues, 'must be an integer from 0 to 3000', `${at}/min_length`);
  }
  if (typeof max === 'number' && typeof min === 'number' && min > max)
    error(issues, 'must not be greater than max_length', `${at}/min_length`);
  if (input.initial_value !== undefined) {
    checkString(issues, input, 'initial_value', at, typeof max === 'number' && max <= 3000 ? max : 3000);
  }
  const config = input.dispatch_action_config;
  if (config !== undefined) {
    const on = isObject(config) ? config.trigger_actions_on : undefined;
    if (
      !Array.isArray(on) ||
      on.length === 0 ||
      on.some((t) => t !== 'on_enter_pressed' && t !== 'on_character_entered')
    )
      error(
        issues,
        'must be a non-empty array of on_enter_pressed, on_character_entered',
        `${at}/dispatch_action_config/trigger_actions_on`,
      );
  }
}
