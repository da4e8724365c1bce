import { type FakeAnswer, type FakeRequest, HttpFake, isJson } from './http-fake';

export interface PagerEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key?: string;
  payload?: { summary: string; source: string; severity: string } & Record<string, unknown>;
  links?: Array<{ href: string; text: string }>;
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];

/**
 * PagerDuty's Events API v2 on 127.0.0.1 (POST /v2/enqueue), checking what it checks: a JSON body,
 * a 32-character routing key, the action, a dedup key to acknowledge or resolve, and a trigger's
 * summary, source and severity. `events` holds the events it took, in order.
 */
export class FakePagerDuty {
  readonly events: PagerEvent[] = [];
  private constructor(readonly http: HttpFake) {}

  static async start(): Promise<FakePagerDuty> {
    let pd!: FakePagerDuty;
    const http = await HttpFake.start(
      (req) => pd.route(req),
      () => ({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid' } }),
    );
    pd = new FakePagerDuty(http);
    return pd;
  }

  get url(): string {
    return this.http.url;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private route(req: FakeRequest): FakeAnswer {
    const invalid = (error: string) => ({
      status: 400,
      body: { status: 'invalid event', message: 'Event object is invalid', errors: [error] },
    });
    if (req.method !== 'POST' || req.url.pathname !== '/v2/enqueue') return { status: 404, body: {} };
    if (!isJson(req)) return invalid('Content-Type must be application/json');
    const e = req.json as PagerEvent | undefined;
    if (!e || typeof e.routing_key !== 'string' || e.routing_key.length !== 32)
      return invalid("'routing_key' is invalid");
    if (!['trigger', 'acknowledge', 'resolve'].includes(e.event_action)) return invalid("'event_action' is invalid");
    if (e.event_action !== 'trigger' && !e.dedup_key) return invalid("'dedup_key' is required");
    if (e.event_action === 'trigger') {
      const p = e.payload;
      if (!p?.summary || !p.source || !SEVERITIES.includes(p.severity)) return invalid("'payload' is invalid");
    }
    this.events.push(e);
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: e.dedup_key } };
  }
}
