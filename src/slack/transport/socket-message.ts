import { z } from 'zod';

/** What one text frame from Slack's Socket Mode server is, as far as Commander is concerned. */
export type SocketMessage =
  | { kind: 'hello' }
  | { kind: 'disconnect'; reason: string }
  /** A well-formed envelope; `eventType` is the inner event's type for events_api. */
  | { kind: 'envelope'; envelopeId: string; eventType?: string }
  /** Nothing to hand on: `why` is a sentence for the log; an envelope id, if any, is worth an ack. */
  | { kind: 'ignored'; envelopeId?: string; why: string };

const envelopeId = z.string().min(1);
const Envelope = z.discriminatedUnion('type', [
  z.object({
    envelope_id: envelopeId,
    type: z.literal('events_api'),
    payload: z.looseObject({ event: z.looseObject({ type: z.string().min(1) }) }),
  }),
  z.object({
    envelope_id: envelopeId,
    type: z.enum(['slash_commands', 'interactive']),
    payload: z.record(z.string(), z.unknown()),
  }),
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a frame before @slack/socket-mode does: the client reads `payload.event.type` and the
 * like without looking, so a frame that is `null`, an envelope whose payload is null, or an
 * events_api payload without an event (Slack sends `app_rate_limited` so) makes it throw where
 * nothing catches it, which ends the process.
 */
export function readSocketMessage(text: string): SocketMessage {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'ignored', why: 'a message that is not JSON' };
  }
  if (!isObject(message)) return { kind: 'ignored', why: 'a message that is not an object' };
  if (message.type === 'hello') return { kind: 'hello' };
  if (message.type === 'disconnect') return { kind: 'disconnect', reason: String(message.reason) };
  const parsed = Envelope.safeParse(message);
  if (parsed.success) {
    const { data } = parsed;
    return {
      kind: 'envelope',
      envelopeId: data.envelope_id,
      ...(data.type === 'events_api' ? { eventType: data.payload.event.type } : {}),
    };
  }
  const id = envelopeId.safeParse(message.envelope_id).data;
  return {
    kind: 'ignored',
    ...(id ? { envelopeId: id } : {}),
    why: whyNot(message, parsed.error.issues[0]?.path ?? []),
  };
}

function whyNot(message: Record<string, unknown>, path: PropertyKey[]): string {
  const payload = message.payload;
  if (message.type === 'events_api' && isObject(payload) && payload.type === 'app_rate_limited')
    return 'app_rate_limited: Slack is dropping events for this app (over 30,000 an hour in a workspace)';
  switch (path[0]) {
    case 'envelope_id':
      return 'an envelope without an envelope_id';
    case 'type':
      return 'an envelope of a type Commander does not handle';
    default:
      return path[1] === 'event'
        ? 'an events_api envelope without an event'
        : 'an envelope whose payload is not an object';
  }
}
