import { z } from 'zod';
import { type PagerDutyNotify, pagerDutyNotifySchema } from '../paging/paging.config';

/** The state that makes a ladder level unnecessary (checked when it falls due, and as it is reached). */
export const UNLESS = ['acknowledged', 'mitigated', 'resolved'] as const;
export type Unless = (typeof UNLESS)[number];

const ONCALL = /^(?:(.+)\.)?(primary|secondary)$/;

/** `platform.secondary` → { rotation: 'platform', who: 'secondary' }; a bare `secondary` is the incidents' rotation. */
export function parseOncallTarget(text: string): { rotation: string | null; who: 'primary' | 'secondary' } | null {
  const match = ONCALL.exec(text.trim());
  return match ? { rotation: match[1] ?? null, who: match[2] as 'primary' | 'secondary' } : null;
}

/**
 * One level of a severity's escalation ladder, as the policy file writes it. `after` counts from
 * the declaration; a level without one is reached only by missed updates or `/incident escalate`.
 */
export function escalationLevelSchema<D, U, G, R>(parts: {
  duration: z.ZodType<number | null, D>;
  userId: z.ZodType<string, U>;
  usergroupId: z.ZodType<string, G>;
  roleId: z.ZodType<string, R>;
}) {
  return z.strictObject({
    name: z.string().trim().min(1).max(40).optional(),
    after: parts.duration.default(null),
    unless: z.enum(UNLESS).default('resolved'),
    notify: z.strictObject({
      oncall: z
        .string()
        .regex(ONCALL, 'must be <rotation>.primary or <rotation>.secondary (e.g. platform.secondary)')
        .optional(),
      users: z.array(parts.userId).max(20).default([]),
      usergroup: parts.usergroupId.nullable().default(null),
      role: parts.roleId.optional(),
      /** The affected services' owners (their user group and users), or their rotations' primaries. */
      service: z.enum(['owners', 'oncall'], { error: 'must be owners or oncall' }).optional(),
      /** Pages through PagerDuty's Events API v2 when the level is reached (src/paging). */
      pagerduty: pagerDutyNotifySchema.optional(),
    }),
  });
}

type Level = {
  name?: string;
  after: number | null;
  unless: Unless;
  notify: {
    oncall?: string;
    users: string[];
    usergroup: string | null;
    role?: string;
    service?: 'owners' | 'oncall';
    pagerduty?: PagerDutyNotify;
  };
};

/**
 * A severity written before ladders (escalateAfterMissed and escalateTo only) keeps what it did:
 * missed updates call in the on-call secondary, then the escalateTo contacts.
 */
export function legacyLadder(severity: {
  escalateAfterMissed: number | null;
  escalateTo: { users: string[]; usergroup: string | null };
}): Level[] {
  const contacts = severity.escalateTo.users.length > 0 || severity.escalateTo.usergroup !== null;
  if (severity.escalateAfterMissed === null && !contacts) return [];
  return [
    {
      name: 'on-call secondary',
      after: null,
      unless: 'resolved',
      notify: { oncall: 'secondary', users: [], usergroup: null },
    },
    { name: 'manager', after: null, unless: 'resolved', notify: { ...severity.escalateTo } },
  ];
}

/** What is wrong with a ladder the schema alone cannot see: unknown rotations and roles, levels out of order. */
export function ladderProblems(
  severityIndex: number,
  ladder: Level[],
  known: { rotations: string[]; roles: string[] },
): Array<{ path: (string | number)[]; message: string }> {
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  let last = 0;
  ladder.forEach((level, i) => {
    const path = ['severities', severityIndex, 'escalation', i];
    const target = level.notify.oncall ? parseOncallTarget(level.notify.oncall) : null;
    if (target?.rotation && !known.rotations.some((r) => r.toLowerCase() === target.rotation?.toLowerCase()))
      problems.push({
        path: [...path, 'notify', 'oncall'],
        message: `names no configured rotation ("${target.rotation}")`,
      });
    if (level.notify.role && !known.roles.includes(level.notify.role))
      problems.push({
        path: [...path, 'notify', 'role'],
        message: `names no configured role ("${level.notify.role}")`,
      });
    if (level.after !== null) {
      if (level.after < last)
        problems.push({ path: [...path, 'after'], message: 'must not come before the level above it' });
      last = level.after;
    }
  });
  return problems;
}
