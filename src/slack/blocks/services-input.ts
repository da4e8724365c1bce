import { findService } from '../../catalog/catalog';
import type { Service } from '../../catalog/catalog.types';
import type { Policy } from '../../config/policy';
import { FIELD } from './ids';
import { type Block, externalMultiSelectInput, multiSelectInput, type Option, option } from './kit';

/** Slack lists at most 100 options in a static menu, and takes at most 100 in an options answer. */
export const MENU_MAX = 100;

const serviceOption = (s: Service): Option => option(s.name, s.id, s.description || undefined);

/**
 * The "Affected services" multi-select, shown only when the policy has a catalog: a static menu
 * up to 100 services; beyond that, a menu whose options Slack asks for as the person types
 * (answered by `serviceSuggestions`). `dispatch`: Slack tells the app of each change (the declare
 * form offers the first service's on-call as commander).
 */
export function servicesInput(
  policy: Policy,
  initial: readonly string[],
  o: { hint: string; dispatch?: boolean },
): Block[] {
  if (policy.services.length === 0) return [];
  const field = {
    label: 'Affected services',
    optional: true,
    placeholder: 'What does this hurt?',
    hint: o.hint,
    ...(o.dispatch ? { dispatchAction: true } : {}),
  };
  if (policy.services.length > MENU_MAX) {
    const chosen = initial.map((id) => findService(policy.services, id)).filter((s): s is Service => Boolean(s));
    return [externalMultiSelectInput(FIELD.services, { ...field, initial: chosen.map(serviceOption) })];
  }
  return [multiSelectInput(FIELD.services, policy.services.map(serviceOption), { ...field, initial })];
}

/** The services whose name or id holds what was typed (any case), catalog order, at most 100. */
export function serviceSuggestions(policy: Policy, typed: string): Option[] {
  const query = typed.trim().toLowerCase();
  return policy.services
    .filter((s) => query === '' || s.name.toLowerCase().includes(query) || s.id.includes(query))
    .slice(0, MENU_MAX)
    .map(serviceOption);
}
