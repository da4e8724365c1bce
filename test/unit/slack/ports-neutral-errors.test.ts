import type { Service } from '../../../src/catalog/catalog.types';
import { createSlackServiceTeams } from '../../../src/slack/adapters/service-teams';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { ChatError } from '../../../src/errors/chat-error';
import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';
import type { StatusUpdate } from '../../../src/incidents/incident.types';
import { createLogger } from '../../../src/logger';
import { createSlackAlertsPoster } from '../../../src/slack/adapters/alerts-poster';
import { createConsoleSlack } from '../../../src/slack/adapters/console-slack';
import { createSlackChecklistPort } from '../../../src/slack/adapters/checklist-port';
import { createSlackRulesPort } from '../../../src/slack/adapters/rules-port';
import { createSlackCommsClockPort } from '../../../src/slack/adapters/comms-clock-port';
import { createSlackConversation } from '../../../src/slack/adapters/conversation';
import { createDirectMessages } from '../../../src/slack/adapters/direct-messages';
import { createSlackEscalationNotifier } from '../../../src/slack/adapters/escalation-notifier';
import { createSlackFollowThroughPort } from '../../../src/slack/adapters/follow-through-port';
import { createKeyedPosts } from '../../../src/slack/adapters/keyed-posts';
import { createSlackHandoffPort } from '../../../src/slack/adapters/handoff-port';
import { createSlackFollowPort } from '../../../src/slack/adapters/follow-port';
import { createSlackWeeklyDigestPort } from '../../../src/slack/adapters/weekly-digest-port';
import { createSlackMaintenancePort } from '../../../src/slack/adapters/maintenance-port';
import { createSlackTrackersPort } from '../../../src/slack/adapters/trackers-port';
import { MembershipCache } from '../../../src/slack/adapters/membership-cache';
import { createPeopleDirectory } from '../../../src/slack/adapters/people-directory';
import { createStore } from '../../../src/store';
import { openDatabase } from '../../../src/store/sqlite/db';
import { migrate } from '../../../src/store/sqlite/migrate';
import { createSlackReminderNotifier } from '../../../src/slack/adapters/reminder-notifier';
import { StorageError } from '../../../src/errors/storage-error';
import { anIncident } from '../../support/incident-fixture';
import { ManualClock } from '../../support/manual-clock';

/**
 * Every Slack adapter of a domain port, made to fail: whatever Web API call a method makes, the
 * domain sees a ChatError (the neutral failure of src/chat-error.ts), never @slack/web-api's own
 * error with its `slack_webapi_*` code. The methods are enumerated from the ports themselves, so a
 * method added later without arguments here fails this test rather than going unchecked.
 */

/** A Slack that answers every Web API method with `{ ok: false, error: code }`, as Slack refuses a call. */
async function refusingSlack(code: string) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: code }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const policy = parsePolicy({
  ...DEFAULT_POLICY_INPUT,
  announcementChannel: 'CANNOUNCE',
  privateAnnouncementChannel: 'GANNOUNCE',
  // A call to bookmark, so bookmarkCall asks Slack.
  bridge: 'https://meet.example.com/inc-{{number}}',
});
const REPEAT = { retries: 0, minTimeout: 1, factor: 1, maxTimeout: 1 };
const BOT = 'UCOMMANDER';

/** A store for what the people directory keeps (a real, in-memory SQLite). */
function memoryStore() {
  const db = openDatabase(':memory:');
  migrate(db);
  return createStore(db);
}

/** Every Slack port, each built as the composition root builds it, against `url`. */
function slackPorts(url: string, nextEscalation?: () => Promise<null>) {
  const client = new WebClient('xoxb-test', { slackApiUrl: url, retryConfig: { retries: 0 }, timeout: 2_000 });
  const logger = createLogger('silent');
  const { postOnce, postNamedOnce } = createKeyedPosts({ client, logger, repeat: REPEAT });
  const dms = createDirectMessages(client, postOnce, postNamedOnce);
  const people = createPeopleDirectory({ client, store: memoryStore(), clock: new ManualClock() });
  const conversation = createSlackConversation({
    client,
    onceClient: client,
    channelsClient: client,
    repeat: REPEAT,
    logger,
    lookupClient: client,
    policy,
    botUserId: BOT,
    dms,
    membership: new MembershipCache(new ManualClock()),
    people,
    ...(nextEscalation ? { nextEscalation } : {}),
  });
  return {
    conversation,
    reminders: createSlackReminderNotifier({ client, policy, dms, postOnce }),
    escalations: createSlackEscalationNotifier({
      client,
      policy,
      dms,
      refreshSummary: (incident) => conversation.refreshKickoff(incident),
      postOnce,
    }),
    followThrough: createSlackFollowThroughPort({ client, dms, policy, people }),
    alerts: createSlackAlertsPoster({ client, postNamedOnce }),
    serviceTeams: createSlackServiceTeams({ client, lookupClient: client, policy, postOnce }),
    commsClock: createSlackCommsClockPort({ policy, dms }),
    maintenance: createSlackMaintenancePort({ client, policy, postNamedOnce }),
    console: createConsoleSlack({
      lookupClient: client,
      clientOptions: { slackApiUrl: url, timeout: 2_000 },
      clientId: '1111.2222',
      clientSecret: 'secret',
      people,
    }),
    checklists: createSlackChecklistPort({ client, policy, postOnce }),
    rules: createSlackRulesPort({
      conversation,
      serviceTeams: createSlackServiceTeams({ client, lookupClient: client, policy, postOnce }),
      dms,
      postOnce,
    }),
    trackers: createSlackTrackersPort({ client }),
    handoffs: createSlackHandoffPort({ policy, dms, postNamedOnce }),
    follows: createSlackFollowPort({ policy, dms }),
    weeklyDigest: createSlackWeeklyDigestPort({ policy, postNamedOnce }),
  };
}

/** The file each port is made in: every file of src/slack that makes a port with slackPort() is here. */
const MADE_IN: Record<keyof ReturnType<typeof slackPorts>, string> = {
  conversation: 'adapters/conversation.ts',
  reminders: 'adapters/reminder-notifier.ts',
  escalations: 'adapters/escalation-notifier.ts',
  followThrough: 'adapters/follow-through-port.ts',
  alerts: 'adapters/alerts-poster.ts',
  serviceTeams: 'adapters/service-teams.ts',
  commsClock: 'adapters/comms-clock-port.ts',
  maintenance: 'adapters/maintenance-port.ts',
  console: 'adapters/console-slack.ts',
  checklists: 'adapters/checklist-port.ts',
  rules: 'adapters/rules-port.ts',
  trackers: 'adapters/trackers-port.ts',
  handoffs: 'adapters/handoff-port.ts',
  follows: 'adapters/follow-port.ts',
  weeklyDigest: 'adapters/weekly-digest-port.ts',
};

// An incident with everything a method may need to reach Slack: a channel, a kick-off, an announcement.
const incident = anIncident({ kickoffTs: '1.0001', announcementTs: '1.0002' });
const update: StatusUpdate = {
  id: 3,
  incidentId: incident.id,
  requestKey: 'V1',
  status: 'identified',
  summary: 'Rolled back',
  impact: '',
  nextSteps: '',
  authorId: 'UBOB',
  postedAt: incident.declaredAt,
  messageTs: null,
  mirrorTs: null,
};
const key = { incidentId: incident.id, step: 'kickoff', mayExist: false };
const workKey = { step: 'reminder-1', mayExist: false };
const notice = { sinceLastUpdate: 60_000, updateEvery: 30_000, reminderNumber: 1, snoozeFor: 60_000, snoozesLeft: 2 };
const role = policy.roles[0]!;
const service: Service = {
  id: 'payments',
  name: 'Payments API',
  description: '',
  owners: { usergroup: 'S0PAYMENTS', users: [] },
  oncall: null,
  channel: 'C0PAYMENTS',
  runbook: null,
  dashboard: null,
  tier: null,
  dependsOn: [],
  public: null,
};

/** Arguments for every method of every port, by port and method. */
const CALLS: { [P in keyof ReturnType<typeof slackPorts>]: Record<string, unknown[]> } = {
  conversation: {
    createChannel: ['inc-12-checkout-errors', false],
    findOwnChannel: ['inc-12-checkout-errors'],
    invite: ['CINC12', ['UCAROL']],
    setTopic: [incident],
    postKickoff: [incident, key],
    bookmarkCall: [incident, { ...key, mayExist: true }],
    refreshKickoff: [incident],
    pin: ['CINC12', '1.0001'],
    announce: [incident, key],
    refreshAnnouncement: [incident],
    tellSetupFinished: [incident],
    tellCommanderUnavailable: [incident, 'deactivated'],
    postStatusUpdate: [incident, update, key],
    mirrorStatusUpdate: [incident, update, key],
    isMember: ['CINC12', 'UCAROL'],
    personKind: ['UCAROL'],
    postChange: [incident, { kind: 'reopened', reason: 'Back', actorId: 'UBOB' }],
    announceChange: [incident, { kind: 'severity', from: 'SEV2', to: 'SEV1', reason: 'Worse', actorId: 'UBOB' }],
    tellRoleHolder: [incident, role, 'UCAROL', 'UBOB'],
    archiveChannel: ['CINC12'],
  },
  reminders: {
    remindCommander: [incident, notice, workKey],
    postOverdueNote: [incident, notice, workKey],
  },
  escalations: {
    askToAcknowledge: [incident, null, workKey],
    postAcknowledgementOverdue: [incident, 300_000, workKey],
    callIn: [
      incident,
      { users: ['UCAROL'], usergroup: null, onCallBackup: false },
      {
        level: null,
        trigger: 'manual',
        missed: 0,
        actorId: 'UBOB',
        reason: 'Need the DBA',
        lastUpdate: null,
        sinceLastUpdate: 60_000,
        openFor: 60_000,
      },
      workKey,
    ],
    remindComms: [incident, 300_000, workKey],
    refreshSummary: [incident],
  },
  commsClock: {
    remindToPublish: ['UCAROL', incident, 1_800_000, workKey],
  },
  trackers: {
    tellRefused: [
      incident,
      {
        id: 1,
        incidentId: incident.id,
        text: 'Add a canary',
        ownerId: null,
        createdBy: 'UCAROL',
        createdAt: incident.declaredAt,
        doneAt: null,
        dueAt: null,
        issue: null,
      },
      { tracker: 'github', status: 401, reason: 'Bad credentials' },
    ],
    emailOf: ['UCAROL'],
  },
  handoffs: {
    brief: [
      {
        handoffId: 1,
        rotation: 'Primary',
        timezone: 'UTC',
        at: incident.declaredAt,
        outgoing: 'UALICE',
        incoming: 'UBOB',
        ongoing: [{ incident, nextUpdateDue: null }],
        lastShift: [],
        followups: [],
        overrides: [],
        maintenance: [],
        alerts: { received: 0, declared: 0, dropped: 0 },
        notes: 'Watch db-3',
      },
      'CHANDOFF',
      { mayExist: false },
    ],
    askForNotes: [
      {
        id: 1,
        rotation: 'Primary',
        at: incident.declaredAt,
        outgoing: 'UALICE',
        incoming: 'UBOB',
        since: incident.declaredAt,
        dueAt: incident.declaredAt,
        sentAt: null,
        notes: null,
        notesClosedAt: null,
        promptDueAt: incident.declaredAt - 3_600_000,
      },
      'UTC',
      { mayExist: false },
    ],
    briefCommander: [
      {
        briefingId: 1,
        incident,
        commanderId: 'UBOB',
        at: incident.declaredAt,
        lastHour: [],
        followups: [],
        nextEscalation: null,
        nextUpdateDue: null,
      },
      { mayExist: false },
    ],
  },
  follows: {
    tell: [
      { kind: 'update', userId: 'UCAROL', incident, update },
      { incidentId: incident.id, step: 'follow-update-3', mayExist: false },
    ],
  },
  weeklyDigest: {
    post: [
      {
        digestId: 1,
        from: incident.declaredAt - 7 * 86_400_000,
        at: incident.declaredAt,
        timezone: 'UTC',
        bySeverity: [{ severity: 'SEV1', count: 1 }],
        declared: 1,
        resolved: 0,
        medianToResolve: null,
        updates: { counted: 0, onTime: 0 },
        followupsOverdue: [],
        postmortemsDue: [{ incident, dueAt: incident.declaredAt }],
      },
      'CANNOUNCE',
      { mayExist: false },
    ],
  },
  maintenance: {
    tell: [
      {
        id: 1,
        publicId: 'm1n2o3p4q5r6',
        title: 'Database upgrade',
        message: '',
        components: ['payments'],
        startsAt: incident.declaredAt,
        endsAt: incident.declaredAt + 3_600_000,
        state: 'in_progress',
        createdAt: incident.declaredAt,
        updatedAt: incident.declaredAt,
        nextAt: incident.declaredAt,
        createdBy: 'UALICE',
        closedBy: null,
        told: 'scheduled',
        notice: { channel: 'CANNOUNCE', ts: '1.0003' },
      },
      { mayExist: false },
    ],
  },
  console: {
    exchangeCode: ['code-1', 'https://commander.example.com/auth/callback'],
    timeZoneOf: ['UBOB'],
    userIdByEmail: ['bob@example.com'],
    privateChannelsOf: ['UBOB'],
  },
  checklists: {
    show: [incident, { lists: [], adHoc: [] }, '1.0003', workKey],
  },
  rules: {
    invite: ['CINC12', ['UCAROL'], ['S0PAYLEADS']],
    post: [incident, 'payments SEV1', ['Bridge open'], workKey],
    dm: ['UCAROL', incident, 'payments SEV1', ['Bridge open'], workKey],
    bookmark: ['CINC12', { title: 'Bridge', url: 'https://meet.example.com/x' }],
    reportGaveUp: [incident, 'payments SEV1', 'post in the channel', workKey],
  },
  followThrough: {
    nudgeStep: ['UBOB', { incident, step: 'report', dueAt: incident.declaredAt }],
    nudgeFollowup: [
      'UBOB',
      {
        incident,
        followup: {
          id: 1,
          incidentId: incident.id,
          text: 'Add an alert',
          ownerId: 'UBOB',
          createdBy: 'UBOB',
          createdAt: incident.declaredAt,
          doneAt: null,
          dueAt: incident.declaredAt,
        },
      },
    ],
    sharePostmortem: [{ ...incident, resolvedAt: incident.declaredAt }, '# Postmortem', incident.declaredAt],
    // Not a failure by contract: a zone Slack cannot say is no zone (the domain then uses the policy's).
    timeZoneOf: ['UBOB'],
  },
  alerts: {
    notify: [
      {
        source: 'grafana',
        channelId: 'CALERTS',
        title: 'Checkout errors',
        severity: 'SEV2',
        description: 'Error rate above 5%',
        link: null,
        alertNames: ['CheckoutErrors'],
      },
      { noticeId: 1, mayExist: false },
    ],
    postResolvedNote: [incident, { source: 'grafana', alertNames: ['CheckoutErrors'] }],
  },
  serviceTeams: {
    groupMembers: ['S0PAYMENTS'],
    tellTeam: [incident, service, { incidentId: incident.id, step: 'service-payments', mayExist: false }],
    bookmark: ['CINC12', { title: 'Payments API runbook', url: 'https://wiki.example.com/payments' }],
  },
};

/** What a method answers, by contract, when Slack fails it (rather than failing itself). */
const TOLERATED: Record<string, unknown> = { 'followThrough.timeZoneOf': null, 'console.timeZoneOf': null };

type Method = (...args: unknown[]) => Promise<unknown>;

let slack: Awaited<ReturnType<typeof refusingSlack>>;
afterEach(async () => slack?.close());

describe('every Slack port fails neutrally', () => {
  it('knows every file that makes a port with slackPort()', () => {
    const slackDir = path.resolve(__dirname, '../../../src/slack');
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    const making = files(slackDir)
      .filter((f) => /\bslackPort(<[^>]*>)?\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(slackDir, f))
      .filter((f) => f !== 'adapters/slack-errors.ts');
    expect(making.sort()).toEqual(Object.values(MADE_IN).sort());
  });

  it.each(Object.keys(MADE_IN) as Array<keyof typeof MADE_IN>)(
    '%s: every method Slack refuses rejects with a ChatError, not the Web API client’s error',
    async (name) => {
      slack = await refusingSlack('channel_not_found');
      const port = slackPorts(slack.url)[name] as unknown as Record<string, Method>;
      // Every method of the port, not only those listed: a new one needs its arguments added above.
      expect(Object.keys(port).sort()).toEqual(Object.keys(CALLS[name]).sort());
      for (const [method, args] of Object.entries(CALLS[name])) {
        const outcome = await port[method]!(...args).then(
          (value) => ({ resolved: value }),
          (error: unknown) => ({ rejected: error }),
        );
        const tolerated = `${name}.${method}`;
        if (tolerated in TOLERATED) {
          expect({ method, ...outcome }).toEqual({ method, resolved: TOLERATED[tolerated] });
          continue;
        }
        const error = 'rejected' in outcome ? outcome.rejected : undefined;
        expect({ method, isChatError: error instanceof ChatError }).toEqual({ method, isChatError: true });
        expect({ method, code: (error as ChatError).code, transient: (error as ChatError).transient }).toEqual({
          method,
          code: 'channel_not_found',
          transient: false,
        });
      }
    },
  );

  it('a failure of Commander’s database inside a port stays the database’s, not Slack’s', async () => {
    slack = await refusingSlack('channel_not_found');
    const down = new StorageError('storage_unavailable', true, '57P01');
    const { conversation } = slackPorts(slack.url, () => Promise.reject(down));
    await expect(conversation.postKickoff(incident, key)).rejects.toBe(down);
  });

  it('archiving a channel Slack says is archived already is done, not a failure', async () => {
    slack = await refusingSlack('already_archived');
    await expect(slackPorts(slack.url).conversation.archiveChannel('CINC12')).resolves.toBeUndefined();
  });
});
