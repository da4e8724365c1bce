import fs from 'node:fs';
import path from 'node:path';
import type * as YamlModule from 'yaml';
import { z } from 'zod';
import { ConfigError, describeIssues } from './config.errors';
import { parseDuration } from './duration';
import { DEFAULT_POLICY_INPUT } from './policy.defaults';
import { alertsProblems, alertsSchema } from '../alerts/alerts.config';
import { oncallSchema } from '../oncall/oncall.config';
import { substituteEnv } from './env-substitution';
import { webhooksSchema } from '../webhooks/webhooks.config';
import { isTimeZone } from '../text/zoned-time';
import { escalationLevelSchema, ladderProblems, legacyLadder } from './escalation.config';
import { catalogProblems, catalogSchema } from '../catalog/catalog.config';
import type { Service } from '../catalog/catalog.types';
import { drillsSchema, incidentTypesSchema } from './types.config';
import { statusPageProblems, statusPageSchema } from '../statuspage/statuspage.config';
import { checklistsProblems, checklistsSchema } from '../checklists/checklists.config';
import { defaultChecklists } from '../checklists/checklists.defaults';
import { rulesSchema } from '../rules/rules.config';
import { checklistIdsOf, rulesProblems } from '../rules/rules.problems';
import { trackersSchema } from '../trackers/trackers.config';
import { bridgeSchema } from '../paging/paging.config';
import { digestSchema } from './digest.config';

const Duration = z.union([z.string(), z.null()]).transform((text, ctx) => {
  if (text === null) return null;
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use e.g. 30s, 15m, 1h, or null for none)` });
    return z.NEVER;
  }
  return ms;
});

const TimeZone = z.string().refine(isTimeZone, {
  message: 'is not an IANA time zone (e.g. UTC, Europe/London, America/New_York)',
});

const RequiredDuration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use e.g. 30s, 5m, 1h)` });
    return z.NEVER;
  }
  return ms;
});

const UserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user ID such as U0123ABCDEF');

const UsergroupId = z.string().regex(/^S[A-Z0-9]{2,}$/, 'must be a user group ID such as S0123ABCDEF');
const RoleId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,19}$/, 'must be 1-20 lower-case letters, digits, - or _ (e.g. comms)');

const EscalationSchema = z.strictObject({
  users: z.array(UserId).max(20).default([]),
  usergroup: UsergroupId.nullable().default(null),
});

const LevelSchema = escalationLevelSchema({
  duration: Duration,
  userId: UserId,
  usergroupId: UsergroupId,
  roleId: RoleId,
});

/** When each step of a required postmortem is due, counted from the resolution (runbook 002). */
const PostmortemDeadlinesSchema = z.strictObject({
  report: RequiredDuration.default(24 * 3_600_000),
  draft: RequiredDuration.default(48 * 3_600_000),
  meeting: RequiredDuration.default(7 * 86_400_000),
  actions: RequiredDuration.default(14 * 86_400_000),
});

const SeveritySchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'must be 1-20 letters, digits, - or _ (e.g. SEV1)'),
    name: z.string().min(1).max(40),
    description: z.string().max(150).default(''),
    updateEvery: Duration.default(null),
    /** Unanswered reminders in a row before the escalation contacts are called in; null = never. */
    escalateAfterMissed: z.number().int().min(1).max(20).nullable().default(null),
    escalateTo: EscalationSchema.default({ users: [], usergroup: null }),
    /** How long the commander has to acknowledge; null: acknowledgement is optional (no DM asks for it). */
    acknowledgeWithin: Duration.default(null),
    /** How long the comms role may stay unassigned before the commander is reminded; null: never. */
    commsWithin: Duration.default(null),
    /** The ladder, in order; left out, escalateAfterMissed and escalateTo make the two levels they always did. */
    escalation: z.array(LevelSchema).max(10).optional(),
    /** Whether an incident of this severity needs a postmortem (runbook 002: P1 always). */
    postmortem: z.enum(['required', 'optional']).default('optional'),
    /** An optional postmortem becomes required when the incident lasted longer (runbook 002: P2 over 2 h). */
    requiredIfLongerThan: Duration.default(null),
  })
  .transform((severity) => ({ ...severity, escalation: severity.escalation ?? legacyLadder(severity) }));

const RemindersSchema = z.strictObject({
  /** How long an unanswered reminder waits before the next one. */
  repeatAfter: RequiredDuration.default(5 * 60_000),
  /** What the Snooze button postpones the next reminder by. */
  snoozeFor: RequiredDuration.default(10 * 60_000),
  /** How often the scheduler looks for due reminders. */
  checkEvery: RequiredDuration.default(5_000),
  /** Snoozes allowed per streak of unanswered reminders; then the reminder says so and offers none. */
  maxSnoozes: z.number().int().min(0).max(20).default(2),
});

const RoleSchema = z.strictObject({
  id: RoleId,
  name: z.string().min(1).max(40),
  /** Told to the person by DM when they are given the role. */
  description: z.string().max(300).default(''),
});

const ChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel ID such as C0123ABCDEF (not a #name)');

const CatalogSchema = catalogSchema({ userId: UserId, usergroupId: UsergroupId, channelId: ChannelId });

const PolicySchema = z
  .strictObject({
    timezone: TimeZone.default('UTC'),
    announcementChannel: ChannelId.nullable().default(null),
    /** Where private incidents are announced; none means they are not announced at all. */
    privateAnnouncementChannel: ChannelId.nullable().default(null),
    /** People who may change any incident, member of its channel or not. */
    admins: z.array(UserId).max(100).default([]),
    roles: z
      .array(RoleSchema)
      .min(1)
      // The pinned summary shows every role as a field beside severity, status and declared:
      // Slack allows 10 fields in a section.
      .max(7, 'allows at most 7 roles')
      .refine((list) => list.some((r) => r.id === 'commander'), 'must include the role with id "commander"')
      .refine((list) => new Set(list.map((r) => r.id)).size === list.length, 'ids must be unique'),
    /** How long after resolution the incident channel is archived; null = never. */
    archiveAfter: Duration.default(null),
    channelPrefix: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'must be 1-20 lower-case letters, digits, - or _')
      .default('inc'),
    /**
     * How long a replica holds timed work it has taken (a reminder, an escalation level, an
     * archive, a set-up, alert processing) before another may take it over: longer than the
     * slowest Slack call with its retries, or a slow replica and its successor both do the work.
     */
    leaseFor: RequiredDuration.default(2 * 60_000),
    reminders: RemindersSchema.default({
      repeatAfter: 5 * 60_000,
      snoozeFor: 10 * 60_000,
      checkEvery: 5_000,
      maxSnoozes: 2,
    }),
    severities: z
      .array(SeveritySchema)
      .min(1, 'needs at least one severity')
      .max(10, 'allows at most 10 severities')
      .refine((list) => new Set(list.map((s) => s.id.toUpperCase())).size === list.length, 'ids must be unique'),
    /** On-call rotations; the first is the one incidents use (commander pre-selection, escalation). */
    oncall: oncallSchema({ userId: UserId, timeZone: TimeZone, channelId: ChannelId }),
    /** Deadlines of a required postmortem's steps; each nudges the commander in their working hours. */
    postmortemDeadlines: PostmortemDeadlinesSchema.default({
      report: 24 * 3_600_000,
      draft: 48 * 3_600_000,
      meeting: 7 * 86_400_000,
      actions: 14 * 86_400_000,
    }),
    /** Alerts in: who may send them and what each becomes (src/alerts). */
    alerts: alertsSchema({ userId: UserId, channelId: ChannelId }),
    /** Events out: receivers of signed JSON events about incidents (src/webhooks). */
    webhooks: webhooksSchema,
    /** The service catalog: what incidents can hurt, who owns it and who is on call for it (src/catalog). */
    services: CatalogSchema,
    /** Kinds of incident (the first is the default): incident, security, drill, maintenance (src/incidents/incident-types.ts). */
    types: incidentTypesSchema,
    drills: drillsSchema,
    /** The public status page served on STATUS_PORT (src/statuspage); its components are the services with `public:`. */
    statusPage: statusPageSchema(TimeZone),
    /** The web console on WEB_PORT (src/web): how long a sign-in lasts. */
    web: z
      .strictObject({ sessionFor: RequiredDuration.default(12 * 3_600_000) })
      .default({ sessionFor: 12 * 3_600_000 }),
    /** Checklists attached to incidents (src/checklists); left out, the runbooks' lists (checklists.defaults.ts). */
    checklists: checklistsSchema.optional(),
    /** Team-written automations: on a change, if the incident is so, do these actions (src/rules). */
    rules: rulesSchema({ userId: UserId, usergroupId: UsergroupId }),
    /** Follow-ups as issues in GitHub, Jira or Linear (src/trackers); null: none. */
    trackers: trackersSchema,
    /** The incident's call link (a template with {{number}}, or one per severity): kick-off, bookmarks, briefings. */
    bridge: bridgeSchema,
    /** The weekly digest in the announcement channel (src/digest): a weekday and time in `timezone`, or false. */
    digest: digestSchema,
  })
  .superRefine((policy, ctx) => {
    const severityIds = policy.severities.map((s) => s.id);
    for (const problem of alertsProblems(policy.alerts, severityIds, policy.oncall.length > 0))
      ctx.addIssue({ code: 'custom', ...problem });
    const known = { rotations: policy.oncall.map((r) => r.name), roles: policy.roles.map((r) => r.id) };
    policy.severities.forEach((severity, i) => {
      for (const problem of ladderProblems(i, severity.escalation ?? [], known))
        ctx.addIssue({ code: 'custom', ...problem });
    });
    for (const problem of catalogProblems(policy.services, known.rotations))
      ctx.addIssue({ code: 'custom', ...problem });
    for (const problem of statusPageProblems(policy.statusPage, severityIds))
      ctx.addIssue({ code: 'custom', ...problem });
    if (policy.checklists) {
      const ids = {
        severities: severityIds,
        services: policy.services.map((s) => s.id),
        types: policy.types.map((t) => t.id),
      };
      for (const problem of checklistsProblems(policy.checklists, { ...ids, roles: known.roles }))
        ctx.addIssue({ code: 'custom', ...problem });
    }
    const rulesKnow = {
      severities: severityIds,
      services: policy.services.map((s) => s.id),
      types: policy.types.map((t) => t.id),
      roles: known.roles,
      rotations: known.rotations,
      levels: Math.max(0, ...policy.severities.map((s) => s.escalation?.length ?? 0)),
      webhooks: policy.webhooks.map((w) => w.url),
      // The lists the policy names, or the runbooks' it gets when it names none.
      checklists: checklistIdsOf({
        checklists: policy.checklists ?? defaultChecklists(severityIds, known.roles),
      }),
    };
    for (const problem of rulesProblems(policy.rules, rulesKnow)) ctx.addIssue({ code: 'custom', ...problem });
  })
  .transform((policy) => ({
    ...policy,
    checklists:
      policy.checklists ??
      defaultChecklists(
        policy.severities.map((s) => s.id),
        policy.roles.map((r) => r.id),
      ),
  }));

export type Policy = z.infer<typeof PolicySchema>;
export type Severity = Policy['severities'][number];
export type Role = Policy['roles'][number];

/** Role ids are matched without regard to case; "ic" is the usual short name of the commander. */
export function findRole(policy: Policy, id: string): Role | undefined {
  const wanted = id.trim().toLowerCase();
  return policy.roles.find((r) => r.id === (wanted === 'ic' ? 'commander' : wanted));
}

export function parsePolicy(input: unknown, source = 'config'): Policy {
  const result = PolicySchema.safeParse(input ?? {});
  if (!result.success) throw new ConfigError(`${source}: ${describeIssues(result.error)}`);
  return result.data;
}

export const DEFAULT_POLICY: Policy = parsePolicy(DEFAULT_POLICY_INPUT, 'built-in defaults');

// A require, not an import: only a policy written in YAML needs the parser (an import loads it at start-up).
const parseYaml = (text: string): unknown => (require('yaml') as typeof YamlModule).parse(text);

/**
 * Reads COMMANDER_CONFIG (YAML or JSON); keys left out take the built-in defaults. Secrets may be
 * written as ${ENV_VAR} and are read from `environment`, so the file itself can be committed.
 */
export function loadPolicy(
  file: string | undefined,
  environment: Record<string, string | undefined> = process.env,
  /** Services read elsewhere, checked in this policy instead of its own (`npm run catalog -- check --policy`). */
  instead?: { services: unknown; source: string },
): Policy {
  if (!file) return DEFAULT_POLICY;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`COMMANDER_CONFIG: cannot read ${file}`);
  }
  const substituted = substituteEnv(parseFile(file, text), environment, file);
  const given = substituted && typeof substituted === 'object' ? (substituted as Record<string, unknown>) : {};
  const { catalogFile, ...rest } = given;
  const merged: Record<string, unknown> = { ...DEFAULT_POLICY_INPUT, ...rest };
  if (instead) return parsePolicy({ ...merged, services: instead.services }, `${instead.source} (with ${file})`);
  if (catalogFile !== undefined) {
    if (rest.services !== undefined)
      throw new ConfigError(`${file}: catalogFile: give the services here or in catalogFile, not both`);
    merged.services = readCatalogFile(file, catalogFile, environment);
  }
  return parsePolicy(merged, file);
}

/** A policy or catalog file's text as data (JSON by its extension, else YAML), or one line saying why not. */
export function parseFile(file: string, text: string): unknown {
  try {
    return path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`${file}: not valid ${path.extname(file) === '.json' ? 'JSON' : 'YAML'} (${reason})`);
  }
}

/**
 * The `services:` list of the file `catalogFile:` names (relative to the policy file), in the
 * policy's own shape: a `services:` key, or the list alone.
 */
function readCatalogFile(policyFile: string, catalogFile: unknown, environment: Record<string, string | undefined>) {
  if (typeof catalogFile !== 'string' || catalogFile.trim() === '')
    throw new ConfigError(`${policyFile}: catalogFile: must be the path of a YAML or JSON file`);
  const file = path.resolve(path.dirname(policyFile), catalogFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${policyFile}: catalogFile: cannot read ${file}`);
  }
  return catalogServices(file, text, environment);
}

/** A catalog file's services as written: its `services:` key, or the list alone. */
export function catalogServices(file: string, text: string, environment: Record<string, string | undefined>): unknown {
  const data = substituteEnv(parseFile(file, text), environment, file);
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object' && 'services' in data) return (data as { services: unknown }).services;
  throw new ConfigError(`${file}: must hold a services: list`);
}

/**
 * A catalog file on its own, by the rules start-up applies to `services:`; `rotations` null when
 * no policy is given, and then `oncall` names are not checked.
 */
export function parseCatalog(input: unknown, source: string, rotations: readonly string[] | null): Service[] {
  const result = CatalogSchema.safeParse(input);
  if (!result.success) throw new ConfigError(`${source}: ${describeIssues(result.error, 'services')}`);
  const problems = catalogProblems(result.data, rotations);
  if (problems.length > 0)
    throw new ConfigError(`${source}: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
  return result.data;
}

/** Severity ids are matched without regard to case: "sev1" finds SEV1. */
export function findSeverity(policy: Policy, id: string): Severity | undefined {
  return policy.severities.find((s) => s.id.toUpperCase() === id.trim().toUpperCase());
}

/** 0 for the most severe level, 1 for the next…; -1 for an id the policy does not know. */
export function severityRank(policy: Policy, severityId: string): number {
  const severity = findSeverity(policy, severityId);
  return severity ? policy.severities.indexOf(severity) : -1;
}

/** The two most severe levels get announcement mirroring (the runbooks' "major incident"). */
export function isMajor(policy: Policy, severityId: string): boolean {
  const rank = severityRank(policy, severityId);
  return rank === 0 || rank === 1;
}
