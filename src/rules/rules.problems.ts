import type { Rule } from './rules.config';

type Problem = { path: (string | number)[]; message: string };

/** What the rest of the policy has, for the names rules give. `checklists` null: the policy has none. */
export interface KnownNames {
  severities: readonly string[];
  services: readonly string[];
  types: readonly string[];
  roles: readonly string[];
  rotations: readonly string[];
  /** The deepest escalation ladder's number of levels. */
  levels: number;
  webhooks: readonly string[];
  checklists: readonly string[] | null;
}

const listed = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'none');

/**
 * The names rules give that the policy does not know, each with its key path under `rules`.
 * Severities are matched without regard to case, as everywhere else.
 */
export function rulesProblems(rules: readonly Rule[], known: KnownNames): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = (...path: (string | number)[]) => ['rules', i, ...path];
    if (seen.has(rule.name)) problems.push({ path: at('name'), message: `"${rule.name}" is used twice` });
    seen.add(rule.name);
    const check = (
      key: string,
      given: readonly string[] | undefined,
      names: readonly string[],
      what: string,
      upper = false,
    ) =>
      given?.forEach((name, j) => {
        const found = upper ? names.some((n) => n.toUpperCase() === name.toUpperCase()) : names.includes(name);
        if (!found)
          problems.push({
            path: at('if', key, j),
            message: `names no ${what} ("${name}"; known: ${listed(names)})`,
          });
      });
    check('severity', rule.if.severity, known.severities, 'severity', true);
    check('service', rule.if.service, known.services, 'service');
    check('type', rule.if.type, known.types, 'type');
    rule.do.forEach((action, j) => {
      const where = (...path: string[]) => at('do', j, action.kind, ...path);
      const must = (ok: boolean, path: string[], message: string) => {
        if (!ok) problems.push({ path: where(...path), message });
      };
      switch (action.kind) {
        case 'invite':
          if (action.spec.service !== undefined)
            must(
              known.services.includes(action.spec.service),
              ['service'],
              `names no service in the catalog ("${action.spec.service}")`,
            );
          break;
        case 'dm':
          if (action.spec.role !== undefined)
            must(
              known.roles.includes(action.spec.role),
              ['role'],
              `names no role ("${action.spec.role}"; roles: ${listed(known.roles)})`,
            );
          break;
        case 'followup': {
          const owner = action.spec.owner;
          if (owner !== undefined && !/^[UW][A-Z0-9]{2,}$/.test(owner))
            must(
              known.roles.includes(owner),
              ['owner'],
              `must be a role (${listed(known.roles)}) or a Slack user ID ("${owner}")`,
            );
          break;
        }
        case 'attach': {
          const id = typeof action.spec === 'string' ? action.spec : action.spec.checklist;
          const lists = known.checklists;
          must(
            lists?.includes(id) === true,
            [],
            lists === null
              ? `names checklist "${id}", but the policy has no checklists.lists`
              : `names no checklist ("${id}"; checklists: ${listed(lists)})`,
          );
          break;
        }
        case 'webhook':
          if (action.spec.url !== undefined)
            must(
              known.webhooks.includes(action.spec.url),
              ['url'],
              'names no receiver in webhooks (give its url as written there, without a user:password)',
            );
          else must(known.webhooks.length > 0, [], 'the policy has no webhooks to send it to');
          break;
        case 'escalate':
          if (action.spec.rotation !== undefined)
            must(
              known.rotations.includes(action.spec.rotation),
              ['rotation'],
              `names no rotation in oncall ("${action.spec.rotation}")`,
            );
          if (action.spec.level !== undefined)
            must(action.spec.level <= known.levels, ['level'], `no severity's ladder has level ${action.spec.level}`);
          break;
        default:
          break;
      }
    });
  });
  return problems;
}

/**
 * The checklist ids `attach` may name: `checklists.lists[].id` when the policy has that key
 * (the checklists feature, issue 29, parses it), else null. Read loosely so rules do not depend on
 * the checklists' own schema.
 */
export function checklistIdsOf(policy: object): string[] | null {
  const lists = (policy as { checklists?: { lists?: unknown } }).checklists?.lists;
  if (!Array.isArray(lists)) return null;
  return lists.flatMap((l: unknown) =>
    typeof (l as { id?: unknown })?.id === 'string' ? [(l as { id: string }).id] : [],
  );
}
