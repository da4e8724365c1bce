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

const WebhookUrl = z.string().refine((text) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

const WebhookSchema = z.strictObject({
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
});

/** The `webhooks` policy key: where events about incidents are sent (src/webhooks). */
export const webhooksSchema = z
  .array(WebhookSchema)
  .max(20)
  .default([])
  // The URL is what the outbox records each delivery against.
  .refine((list) => new Set(list.map((w) => w.url)).size === list.length, 'urls must be unique');

export type Webhook = z.infer<typeof WebhookSchema>;
