import {
  checkArray,
  checkString,
  checkText,
  checkTextObject,
  checkUnique,
  error,
  isObject,
  type Issues,
  type Json,
} from './validate-common';
import { checkElement, checkImage } from './validate-elements';

/** Messages allow 50 blocks and no input blocks; modals and Home tabs allow 100 and inputs. */
export type Surface = 'message' | 'modal' | 'home';

const KNOWN_BLOCKS = ['section', 'header', 'divider', 'context', 'actions', 'input', 'image', 'rich_text', 'markdown'];

/**
 * Checks a blocks array the way Slack does before accepting a message or view. Returns every
 * problem as "[ERROR] … [json-pointer:…]" (and "[WARN] …" for accepted oddities); no errors means
 * Slack would take it. `pointer` is where the array sits in the request: `/blocks` for
 * chat.postMessage, `/view/blocks` for views.
 */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): Issues {
  const issues: Issues = [];
  if (!Array.isArray(blocks)) {
    error(issues, 'must provide an array', pointer);
    return issues;
  }
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) error(issues, `no more than ${max} items allowed`, pointer);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => checkBlock(issues, block, `${pointer}/${i}`, surface, blockIds));
  return issues;
}

function checkBlock(issues: Issues, block: unknown, at: string, surface: Surface, blockIds: Set<string>): void {
  if (!isObject(block)) return error(issues, 'must provide an object', at);
  const type = block.type;
  if (typeof type !== 'string') return error(issues, 'missing required field: type', at);
  if (!KNOWN_BLOCKS.includes(type)) return error(issues, `unsupported type: ${type}`, `${at}/type`);
  checkString(issues, block, 'block_id', at, 255);
  checkUnique(issues, blockIds, block, 'block_id', at);

  switch (type) {
    case 'section':
      return checkSection(issues, block, at);
    case 'header':
      return checkText(issues, block, 'text', at, { max: 150, required: true, plainOnly: true });
    case 'context': {
      const elements = checkArray(issues, block, 'elements', at, { max: 10, min: 1, required: true });
      elements.forEach((element, i) => checkElement(issues, element, `${at}/elements/${i}`, 'context'));
      return;
    }
    case 'actions': {
      const elements = checkArray(issues, block, 'elements', at, { max: 25, min: 1, required: true });
      const actionIds = new Set<string>();
      elements.forEach((element, i) => {
        checkElement(issues, element, `${at}/elements/${i}`, 'actions');
        if (isObject(element)) checkUnique(issues, actionIds, element, 'action_id', `${at}/elements/${i}`);
      });
      return;
    }
    case 'input':
      return checkInput(issues, block, at, surface);
    case 'image':
      checkImage(issues, block, at);
      return checkText(issues, block, 'title', at, { max: 2000, plainOnly: true });
    case 'rich_text':
      checkArray(issues, block, 'elements', at, { max: Number.MAX_SAFE_INTEGER, required: true });
      return;
    case 'markdown':
      return checkString(issues, block, 'text', at, 12000, { required: true, min: 1 });
    default:
      return; // divider: nothing but type and block_id
  }
}

function checkSection(issues: Issues, block: Json, at: string): void {
  if (block.text === undefined && block.fields === undefined) error(issues, 'must provide either text or fields', at);
  checkText(issues, block, 'text', at, { max: 3000 });
  const fields = checkArray(issues, block, 'fields', at, { max: 10, min: 1 });
  fields.forEach((field, i) => checkTextObject(issues, field, `${at}/fields/${i}`, { max: 2000 }));
  if (block.accessory !== undefined) checkElement(issues, block.accessory, `${at}/accessory`, 'section');
}

function checkInput(issues: Issues, block: Json, at: string, surface: Surface): void {
  if (surface === 'message') error(issues, 'input blocks are only allowed in modals and Home tabs', `${at}/type`);
  checkText(issues, block, 'label', at, { max: 2000, required: true, plainOnly: true });
  checkText(issues, block, 'hint', at, { max: 2000, plainOnly: true });
  if (block.element === undefined) error(issues, 'missing required field: element', at);
  else checkElement(issues, block.element, `${at}/element`, 'input');
}
