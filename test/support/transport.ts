import type { FakeSlack } from './fake-slack';
import type { EnvelopeType } from './fake-slack';
import { postSigned, type SignedResponse } from './signed-request';

/** How Slack reaches the app: signed HTTP requests, or Socket Mode envelopes over a WebSocket. */
export type Transport = 'http' | 'socket';

/** One thing Slack sends, in both shapes: the Socket Mode payload and the HTTP body. */
export interface Delivery {
  type: EnvelopeType;
  payload: unknown;
  body: string;
  contentType?: string;
}

/**
 * Sends a delivery over the transport and answers the app's ack as an HTTP-like response. Over
 * Socket Mode the ack's payload is the body (an empty ack is an empty 200, as over HTTP); an
 * envelope nobody acked answers status 0 with the error Slack shows the user as its text. The
 * retry headers Slack sets over HTTP become the envelope's retry_attempt / retry_reason.
 */
export async function deliver(
  delivery: Delivery,
  o: { transport: Transport; url: string; secret: string; fake: FakeSlack; headers?: Record<string, string> },
): Promise<SignedResponse> {
  if (o.transport === 'http')
    return postSigned(o.url, delivery.body, o.secret, { headers: o.headers, contentType: delivery.contentType });
  const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const attempt = headers['x-slack-retry-num'];
  const retry = attempt
    ? { attempt: Number(attempt), reason: headers['x-slack-retry-reason'] ?? 'timeout' }
    : undefined;
  const envelope = await o.fake.socket.deliver(delivery.type, delivery.payload, retry);
  const outcome = envelope.outcome;
  if (outcome === 'pending' || 'error' in outcome)
    return { status: 0, text: outcome === 'pending' ? 'pending' : outcome.error, json: undefined };
  const empty = Object.keys(outcome.acked).length === 0;
  return { status: 200, text: empty ? '' : JSON.stringify(outcome.acked), json: empty ? undefined : outcome.acked };
}
