import { z } from 'zod';
import { parseDuration } from '../config/duration';

export const TRACKER_KINDS = ['github', 'jira', 'linear'] as const;
export type TrackerKind = (typeof TRACKER_KINDS)[number];

const Duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use e.g. 10m, 1h)` });
    return z.NEVER;
  }
  return ms;
});

/** A service's base address; a trailing slash is dropped so paths join cleanly. */
const BaseUrl = (example: string) =>
  z
    .string()
    .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), {
      message: `must be an http or https URL such as ${example}`,
    })
    .refine((text) => {
      const url = new URL(text);
      return url.username === '' && url.password === '';
    }, 'must not carry a user name or password (give the token in its own key)')
    .transform((text) => text.replace(/\/+$/, ''));

/** A token, written as ${ENV_VAR} in the policy; never quoted back in a message. */
const Token = z
  .string()
  .min(1, 'must not be empty (write it as an environment reference, e.g. $GITHUB_TOKEN in braces)');

const GitHubSchema = z.strictObject({
  repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be owner/name, e.g. acme/platform'),
  token: Token,
  labels: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  /** GitHub Enterprise: https://host/api/v3. */
  apiUrl: BaseUrl('https://api.github.com').default('https://api.github.com'),
});

const JiraSchema = z.strictObject({
  url: BaseUrl('https://example.atlassian.net'),
  project: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'must be a project key such as OPS'),
  issueType: z.string().trim().min(1).max(60).default('Task'),
  email: z.string().email('must be the e-mail address the API token belongs to'),
  token: Token,
});

const LinearSchema = z.strictObject({
  teamId: z.string().trim().min(1).max(60),
  token: Token,
  apiUrl: BaseUrl('https://api.linear.app/graphql').default('https://api.linear.app/graphql'),
});

/**
 * The `trackers:` policy key (src/trackers): where follow-ups become issues, when, and how often
 * Commander asks whether they were closed. Absent: follow-ups stay in Commander only.
 */
export const trackersSchema = z
  .strictObject({
    default: z.enum(TRACKER_KINDS, { error: `must be one of ${TRACKER_KINDS.join(', ')}` }),
    /** add: every follow-up gets an issue as it is added; button: when someone presses Create issue. */
    createOn: z.enum(['add', 'button'], { error: 'must be add or button' }).default('button'),
    syncEvery: Duration.default(10 * 60_000),
    /** `/incident done` closes the follow-up's issue too. */
    closeIssues: z.boolean().default(false),
    /** How long one request to the tracker may take. */
    timeout: Duration.default(10_000),
    github: GitHubSchema.optional(),
    jira: JiraSchema.optional(),
    linear: LinearSchema.optional(),
  })
  .superRefine((trackers, ctx) => {
    if (!trackers[trackers.default])
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `names ${trackers.default}, which has no ${trackers.default}: settings here`,
      });
  })
  .nullable()
  .default(null);

export type TrackersPolicy = NonNullable<z.infer<typeof trackersSchema>>;
export type GitHubPolicy = z.infer<typeof GitHubSchema>;
export type JiraPolicy = z.infer<typeof JiraSchema>;
export type LinearPolicy = z.infer<typeof LinearSchema>;
