import { plainEntryLine } from '../src/postmortem/entry-text';
import { slackText } from '../src/slack/text/slack-text';
import type { Store, Tx } from '../src/store';
import { entries } from '../src/timeline/entries';
import type { NewTimelineEntry, RecordedEntry } from '../src/timeline/timeline.types';
import { seededRandom } from '../test/support/incident-history';

const MIN = 60_000;
const HOUR = 60 * MIN;

export const CONSOLE_INCIDENTS = 10_000;
/** Twenty a incident: 200,000 in all. */
export const ENTRIES_EACH = 20;
/** One incident every 2.4 hours: 10,000 span 1,000 days, so a 90-day range holds some 900. */
const EVERY = 2.4 * HOUR;
/** Incidents per transaction, and timeline rows per INSERT (7 parameters each). */
const PER_TRANSACTION = 500;
const ROWS_PER_INSERT = 500;

const PEOPLE = ['UANA', 'UBEN', 'UCAT', 'UDAN', 'UEVE', 'UFAY', 'UGUS', 'UHAL'];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV4'];
const TROUBLES = [
  'checkout errors',
  'slow search',
  'login failures',
  'queue backlog',
  'database failover',
  'webhook delays',
  'stale caches',
  'payment timeouts',
];
const STEPS = ['investigating', 'identified', 'monitoring'] as const;
export const CONSOLE_SERVICES = ['payments', 'search', 'auth', 'queue', 'ledger', 'webhooks'].map((id) => ({
  id,
  name: `${id[0]!.toUpperCase()}${id.slice(1)}`,
}));

/**
 * A history of 10,000 incidents and 200,000 timeline entries up to `now`, written through the
 * repositories in transactions of 500 incidents (entries many rows to an INSERT, as the recorder's
 * coalesced appends write them): resolved ones but the last few, a tenth private, each with a
 * service, two status updates, a follow-up and twenty entries (declaration, updates, notes,
 * reminders, an escalation, the resolution).
 */
export async function seedConsoleHistory(store: Store, now: number): Promise<void> {
  const r = seededRandom(28);
  const line = plainEntryLine(slackText);
  const lined = (e: NewTimelineEntry) => ({ ...e, text: line(e) }) as RecordedEntry;
  for (let first = 0; first < CONSOLE_INCIDENTS; first += PER_TRANSACTION) {
    await store.transaction(async (tx) => {
      const pending: RecordedEntry[] = [];
      for (let n = first; n < first + PER_TRANSACTION; n++) pending.push(...(await oneIncident(tx, n)));
      for (let i = 0; i < pending.length; i += ROWS_PER_INSERT)
        await tx.timeline.appendMany(pending.slice(i, i + ROWS_PER_INSERT));
    });
  }

  async function oneIncident(tx: Tx, n: number): Promise<RecordedEntry[]> {
    const declaredAt = now - (CONSOLE_INCIDENTS - n) * EVERY + r.int(0, 59) * MIN;
    const severity = r.pick(SEVERITIES);
    const commanderId = r.pick(PEOPLE);
    const declaredBy = r.pick(PEOPLE);
    const trouble = r.pick(TROUBLES);
    const isPrivate = r.chance(0.1);
    const { incident } = await tx.incidents.insertOnce({
      declareKey: `console-bench-${n}`,
      title: `Incident ${n}: ${trouble}`,
      severity,
      impact: `Customers see ${trouble} (${n})`,
      commanderId,
      declaredBy,
      declaredAt,
      sourceViewId: null,
      isPrivate,
      type: r.chance(0.05) ? 'drill' : 'incident',
    });
    const id = incident.id;
    const open = n >= CONSOLE_INCIDENTS - 20;
    const resolvedAt = declaredAt + r.int(30, 600) * MIN;
    await tx.incidents.update(id, {
      channelId: `CB${n}`,
      channelName: `inc-${n}-${trouble.replace(' ', '-')}`,
      acknowledgedAt: declaredAt + r.int(1, 20) * MIN,
      acknowledgedBy: commanderId,
      ...(open ? {} : { status: 'resolved', resolvedAt, resolution: `Fixed the ${trouble}` }),
    });
    await tx.incidentServices.add(id, r.pick(CONSOLE_SERVICES).id, declaredAt, commanderId);
    await tx.followups.add({
      incidentId: id,
      requestKey: `f-${n}`,
      text: `Prevent the ${trouble} (${n})`,
      ownerId: r.pick(PEOPLE),
      createdBy: commanderId,
      createdAt: declaredAt,
      dueAt: r.chance(0.7) ? declaredAt + 14 * 24 * HOUR : null,
    });

    const made: NewTimelineEntry[] = [
      entries.declared(
        { incidentId: id, at: declaredAt, actorId: declaredBy },
        { title: incident.title, severity, commanderId, impact: incident.impact, isPrivate },
      ),
    ];
    let at = declaredAt;
    for (let u = 0; u < 2; u++) {
      at += r.int(5, 40) * MIN;
      const status = STEPS[u] as (typeof STEPS)[number];
      const summary = `${u === 0 ? 'Looking into' : 'Found the cause of'} the ${trouble}`;
      const update = await tx.statusUpdates.insert({
        incidentId: id,
        requestKey: `u-${n}-${u}`,
        status,
        summary,
        impact: '',
        nextSteps: '',
        authorId: commanderId,
        postedAt: at,
      });
      made.push(
        entries.statusUpdate(
          { incidentId: id, at, actorId: commanderId },
          {
            from: u === 0 ? 'investigating' : 'identified',
            to: status,
            summary,
            impact: '',
            nextSteps: '',
            updateId: update.id,
          },
        ),
      );
    }
    made.push(
      entries.reminderSent(
        { incidentId: id, at: declaredAt + r.int(20, 90) * MIN },
        { to: commanderId, reminder: 1, sinceLastUpdate: 30 * MIN },
      ),
      entries.escalated(
        { incidentId: id, at: declaredAt + r.int(20, 90) * MIN },
        { level: 'secondary', users: [r.pick(PEOPLE)], usergroup: null, missed: 2 },
      ),
    );
    const notes = ENTRIES_EACH - made.length - 1;
    for (let k = 0; k < notes; k++) {
      const text = `Step ${k}: checked ${r.pick(TROUBLES)} on ${r.pick(CONSOLE_SERVICES).name} (${r.int(1, 999)} hosts)`;
      made.push(
        entries.note(
          { incidentId: id, at: declaredAt + r.int(1, 300) * MIN, actorId: r.pick(PEOPLE) },
          { source: text, body: slackText.read(text) },
          `note-${n}-${k}`,
        ),
      );
    }
    made.push(
      open
        ? entries.note(
            { incidentId: id, at: now - r.int(1, 30) * MIN, actorId: commanderId },
            { source: 'Still watching', body: slackText.read('Still watching') },
            `note-${n}-last`,
          )
        : entries.resolved(
            { incidentId: id, at: resolvedAt, actorId: commanderId },
            { from: 'monitoring', resolution: `Fixed the ${trouble}`, rootCause: null, declaredAt },
          ),
    );
    return made.map(lined);
  }
}
