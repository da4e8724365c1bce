import { z } from 'zod';
import { parseDuration } from '../config/duration';
import { EVENT_TYPES } from './event-types';

const Duration = (example: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use e.g. ${example})` });
      return z.NEVER;
    }
    return ms;
  });

/**
 * A receiver's URL. fetch refuses one that carries `user:password@`, so those are taken out of it
 * and sent as Basic auth instead: what a user writing such a URL expects. The URL kept (the
 * outbox's key, and what logs and the CLI name by host) then holds no password.
 */
const WebhookUrl = z.string().transform((text, ctx): { url: string; authorization?: string } => {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    return z.NEVER;
  }
  if (url.username === '' && url.password === '') return { url: text };
  // The messages never quote the URL: it holds a password.
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'its user name or password is not valid percent-encoding (write % as %25)',
    });
    return z.NEVER;
  }
  if (user.includes(':')) {
    ctx.addIssue({ code: 'custom', message: 'its user name cannot contain a colon (Basic auth would split it there)' });
    return z.NEVER;
  }
  url.username = '';
  url.password = '';
  return { url: url.href, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
});

const WebhookSchema = z
  .strictObject({
    url: WebhookUrl,
    /** Keys X-Commander-Signature, so the receiver knows the event came from Commander. */
    secret: z.string().min(16, 'must be at least 16 characters (use a long random string)'),
    /** The event types this receiver gets; all of them when left out. */
    events: z
      .array(z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }))
      .min(1, 'needs at least one event type (leave the key out for all of them)')
      .optional(),
    /** Private (security) incidents are sent only to receivers marked private. */
    private: z.boolean().default(false),
    /** How long one delivery attempt may take. */
    timeout: Duration('10s').default(10_000),
    /** How long an event is retried before it is given up (and listed by `npm run webhooks -- failed`). */
    giveUpAfter: Duration('24h').default(24 * 3_600_000),
  })
  .transform(({ url, ...webhook }) => ({
    ...webhook,
    url: url.url,
    /** The Authorization header every attempt carries: from the URL's `user:password@`, when it had one. */
    ...(url.authorization === undefined ? {} : { authorization: url.authorization }),
  }));

/** The `webhooks` policy key: where events about incidents are sent (src/webhooks). */
export const webhooksSchema = z
  .array(WebhookSchema)
  .max(20)
  .default([])
  // The URL is what the outbox records each delivery against.
  .refine((list) => new Set(list.map((w) => w.url)).size === list.length, 'urls must be unique');

export type Webhook = z.infer<typeof WebhookSchema>;
