import { validateBlocks } from './validate-blocks';
import { checkString, checkText, error, isObject, type Issues } from './validate-common';

/** Slack refuses view payloads over 250 kB with `view_too_large` rather than a list of problems. */
export const MAX_VIEW_BYTES = 250_000;

export function viewTooLarge(view: unknown): boolean {
  return Buffer.byteLength(JSON.stringify(view) ?? '', 'utf8') > MAX_VIEW_BYTES;
}

/**
 * Checks a modal or Home tab view as views.open/push/update/publish would. `expected` is the
 * type the method needs (views.publish takes only `home`); pointers start at `/view`.
 */
export function validateView(view: unknown, expected?: 'modal' | 'home'): Issues {
  const issues: Issues = [];
  const at = '/view';
  if (!isObject(view)) {
    error(issues, 'must provide an object', at);
    return issues;
  }
  const type = view.type;
  if (type === undefined) error(issues, 'missing required field: type', at);
  else if (type !== 'modal' && type !== 'home') error(issues, 'must be one of: modal, home', `${at}/type`);
  else if (expected && type !== expected) error(issues, `must be ${expected} for this method`, `${at}/type`);

  checkString(issues, view, 'callback_id', at, 255);
  checkString(issues, view, 'private_metadata', at, 3000);
  checkString(issues, view, 'external_id', at, 255);

  if (type === 'modal') {
    checkText(issues, view, 'title', at, { max: 24, required: true, plainOnly: true });
    checkText(issues, view, 'close', at, { max: 24, plainOnly: true });
    checkText(issues, view, 'submit', at, { max: 24, plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      error(issues, 'must provide submit when the view has input blocks', `${at}/submit`);
  }

  if (view.blocks === undefined) error(issues, 'missing required field: blocks', at);
  else issues.push(...validateBlocks(view.blocks, type === 'home' ? 'home' : 'modal', `${at}/blocks`));
  return issues;
}
