import { z } from 'zod';
import { parseDuration } from '../config/duration';
import { ACTION_KINDS, type ActionKind } from './actions';
import { TEMPLATE_FIELDS, unknownFields } from './template';

/**
 * The `rules:` policy key (issue 29, docs/rules.md): "on this change, if the incident is so, do
 * these things". Everything a rule names is checked at start-up, each problem one line naming its
 * key path: its trigger, its conditions' severities, services and types, its actions, their
 * roles, services, user groups, checklists, receivers, rotations and template fields. The id
 * rules (user, user group, role) are the policy's own, passed in so every key says the same.
 */

/** Triggers that are changes to the incident, heard from its one after-change hook. */
export const CHANGE_TRIGGERS = [
  'declared',
  'severity_changed',
  'status_changed',
  'role_assigned',
  'service_added',
  'resolved',
] as const;
export type ChangeTrigger = (typeof CHANGE_TRIGGERS)[number];
/** Triggers the scheduler finds, written with their duration: `{ no_update_for: 20m }`. */
export const TIMED_TRIGGERS = ['no_update_for', 'followup_overdue'] as const;
export type TimedTrigger = (typeof TIMED_TRIGGERS)[number];
export type TriggerName = ChangeTrigger | TimedTrigger;

export type Trigger = { change: ChangeTrigger } | { timed: TimedTrigger; after: number };

const TRIGGER_HELP = `must be one of ${CHANGE_TRIGGERS.join(', ')}, or { no_update_for: 20m } or { followup_overdue: 1d }`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TriggerSchema = z.unknown().transform((value, ctx): Trigger => {
  if (typeof value === 'string' && (CHANGE_TRIGGERS as readonly string[]).includes(value))
    return { change: value as ChangeTrigger };
  if (typeof value === 'string' && (TIMED_TRIGGERS as readonly string[]).includes(value)) {
    ctx.addIssue({ code: 'custom', message: `${value} needs its duration: { ${value}: 20m }` });
    return z.NEVER;
  }
  if (isRecord(value) && Object.keys(value).length === 1) {
    const [name, text] = Object.entries(value)[0] as [string, unknown];
    if ((TIMED_TRIGGERS as readonly string[]).includes(name)) {
      const after = typeof text === 'string' ? parseDuration(text) : undefined;
      if (after !== undefined) return { timed: name as TimedTrigger, after };
      ctx.addIssue({ code: 'custom', path: [name], message: `"${String(text)}" is not a duration (use e.g. 20m, 1d)` });
      return z.NEVER;
    }
  }
  const said = typeof value === 'string' ? `"${value}" is not a trigger: ` : '';
  ctx.addIssue({ code: 'custom', message: `${said}${TRIGGER_HELP}` });
  return z.NEVER;
});

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** The incident's conditions, as checklists write them: every key given must hold; a list means any of. */
const ConditionsSchema = z
  .strictObject({
    severity: oneOrMany(z.string().min(1)).optional(),
    service: oneOrMany(z.string().min(1)).optional(),
    type: oneOrMany(z.string().min(1)).optional(),
    private: z.boolean().optional(),
  })
  .default({});
export type Conditions = z.output<typeof ConditionsSchema>;

const Template = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const field of unknownFields(text))
        ctx.addIssue({
          code: 'custom',
          message: `{{${field}}} is not a template field (fields: ${TEMPLATE_FIELDS.join(', ')})`,
        });
    });

const UrlTemplate = Template(2000).refine((text) => /^https?:\/\//.test(text), 'must be an http:// or https:// link');

function actionSchemas(ids: { userId: z.ZodType<string>; usergroupId: z.ZodType<string> }) {
  const users = z.array(ids.userId).min(1).max(50);
  return {
    invite: z
      .strictObject({ users: users.optional(), usergroup: ids.usergroupId.optional(), service: z.string().optional() })
      .refine((a) => a.users || a.usergroup || a.service, 'names nobody: give users, a usergroup or a service'),
    post: Template(3000),
    dm: z
      .strictObject({ users: users.optional(), role: z.string().optional(), text: Template(3000) })
      .refine((a) => (a.users === undefined) !== (a.role === undefined), 'give either users or a role'),
    attach: z.union([z.string().min(1), z.strictObject({ checklist: z.string().min(1) })]),
    bookmark: z.union([UrlTemplate, z.strictObject({ title: Template(60).optional(), link: UrlTemplate })]),
    followup: z.strictObject({
      text: Template(500),
      /** A role id or a user id. */
      owner: z.string().optional(),
      due: z
        .string()
        .refine((t) => parseDuration(t) !== undefined, 'is not a duration (use e.g. 2d)')
        .transform((t) => parseDuration(t) as number)
        .optional(),
    }),
    webhook: z.strictObject({
      event: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'must be 1-40 lower-case letters, digits, ., - or _'),
      url: z.string().optional(),
    }),
    escalate: z
      .strictObject({ level: z.number().int().min(1).max(10).optional(), rotation: z.string().optional() })
      .refine((a) => (a.level === undefined) !== (a.rotation === undefined), 'give either a level or a rotation'),
  } satisfies Record<ActionKind, z.ZodType>;
}

type Schemas = ReturnType<typeof actionSchemas>;
export type RuleAction = { [K in ActionKind]: { kind: K; spec: z.output<Schemas[K]> } }[ActionKind];

/** One action: an object with exactly one key, the action's name. */
const actionSchema = (schemas: Schemas) =>
  z.unknown().transform((value, ctx): RuleAction => {
    const names = ACTION_KINDS.join(', ');
    if (!isRecord(value) || Object.keys(value).length !== 1) {
      ctx.addIssue({ code: 'custom', message: `must be one action such as { post: "…" } (actions: ${names})` });
      return z.NEVER;
    }
    const [kind, body] = Object.entries(value)[0] as [string, unknown];
    if (!(ACTION_KINDS as readonly string[]).includes(kind)) {
      ctx.addIssue({ code: 'custom', path: [kind], message: `"${kind}" is not an action (actions: ${names})` });
      return z.NEVER;
    }
    const parsed = schemas[kind as ActionKind].safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: [kind, ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    return { kind, spec: parsed.data } as RuleAction;
  });

export function rulesSchema(ids: { userId: z.ZodType<string>; usergroupId: z.ZodType<string> }) {
  return z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(60),
        on: TriggerSchema,
        if: ConditionsSchema,
        do: z
          .array(actionSchema(actionSchemas(ids)))
          .min(1, 'needs at least one action')
          .max(10),
      }),
    )
    .max(50)
    .default([]);
}

export type Rule = z.output<ReturnType<typeof rulesSchema>>[number];
