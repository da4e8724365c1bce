import type { Commander } from '../src/app/commander';
import type { ManualClock } from '../test/support/manual-clock';
import { formatDuration } from '../src/config/duration';
import { DEFAULT_POLICY_INPUT } from '../src/config/policy.defaults';
import { nextWorkingMoment } from '../src/postmortem/working-hours';
import { keyTimeField } from '../src/slack/blocks/key-times-modal';
import { formatZoned } from '../src/slack/text/form-times';
import { ACTION, CALLBACK, FIELD } from '../src/slack/blocks/ids';
import type { FakeSlack, Message, Upload, View } from '../test/support/fake-slack';
import type { SignedResponse } from '../test/support/signed-request';
import type { ModalInput, SlackUser } from '../test/support/slack-user';
import type { Narrator } from './narrator';
import { plainText } from './transcript';

/** The people of the demo workspace: a declarer, the incident commander, a helper, a manager. */
export const CAST = {
  alice: { id: 'UALICE0001', name: 'alice', real_name: 'Alice Moreau', role: 'support engineer' },
  bob: { id: 'UBOB000002', name: 'bob', real_name: 'Bob Okafor', role: 'on call for payments' },
  carol: { id: 'UCAROL0003', name: 'carol', real_name: 'Carol Lindqvist', role: 'payments engineer' },
  dana: {
    id: 'UDANA00004',
    name: 'dana',
    real_name: 'Dana Whitfield',
    role: 'engineering manager, the escalation contact',
  },
} as const;

export const GENERAL = { id: 'CGENERAL01', name: 'general' };
/** Everyone in the demo workspace lives in London. */
export const DEMO_ZONE = 'Europe/London';
export const ANNOUNCEMENTS = { id: 'CINCIDENTS', name: 'incidents' };

/**
 * A SEV1 cadence short enough to watch. The clock is moved by hand, so nothing waits for it; it is
 * in minutes because Slack's date fallbacks and the postmortem show times to the minute.
 */
export const DEMO_CADENCE = { updateEvery: '2m', repeatAfter: '1m', escalateAfterMissed: 2 };

export const DEMO_POLICY = {
  ...DEFAULT_POLICY_INPUT,
  announcementChannel: ANNOUNCEMENTS.id,
  reminders: { ...DEFAULT_POLICY_INPUT.reminders, repeatAfter: DEMO_CADENCE.repeatAfter, snoozeFor: '2m' },
  severities: [
    {
      ...DEFAULT_POLICY_INPUT.severities[0]!,
      updateEvery: DEMO_CADENCE.updateEvery,
      escalateAfterMissed: DEMO_CADENCE.escalateAfterMissed,
      escalateTo: { users: [CAST.dana.id], usergroup: null },
      // The demo tells the missed-update story: Dana is the one level, reached by unanswered reminders.
      acknowledgeWithin: null,
      commsWithin: null,
      escalation: [{ name: 'engineering manager', unless: 'resolved', notify: { users: [CAST.dana.id] } }],
    },
    ...DEFAULT_POLICY_INPUT.severities.slice(1),
  ],
};

export interface Stage {
  fake: FakeSlack;
  commander: Commander;
  clock: ManualClock;
  narrator: Narrator;
  as(person: keyof typeof CAST): SlackUser;
  /** One scheduler tick at the stage clock's time, finished before it returns. */
  tick(): Promise<void>;
}

const SEC = 1_000;
const MIN = 60 * SEC;

/** Plays one SEV1 from declaration to postmortem; returns the uploaded postmortem. */
export async function playIncident(stage: Stage): Promise<Upload> {
  const { fake, clock, narrator: n } = stage;
  const { alice, bob, carol, dana } = CAST;

  /** A person does something; the transcript shows it and then what everyone sees because of it. */
  const step = async (
    person: keyof typeof CAST,
    what: string,
    channelId: string | undefined,
    act: () => Promise<SignedResponse>,
  ) => {
    n.act(CAST[person].id, what, channelId);
    const response = await act();
    n.show(CAST[person].id, response);
    if (response.status !== 200)
      throw new Error(`the app answered ${what} with HTTP ${response.status}: ${response.text}`);
    return response;
  };
  const command = (person: keyof typeof CAST, text: string, channelId: string) =>
    // Shown as typed: Slack turns "@carol" into <@U…|carol> before the app sees it.
    step(person, `/incident ${plainText(text, n.names)}`, channelId, () => stage.as(person).command(text, channelId));
  const submit = (person: keyof typeof CAST, callbackId: string, input: ModalInput, said: string) =>
    step(person, `submits the form (${said})`, undefined, () =>
      stage.as(person).submit(lastModal(fake, callbackId), input),
    );
  /** Moves the demo clock on; nothing really waits. */
  const later = (ms: number, why: string) => {
    clock.advance(ms);
    const span =
      ms >= 60 * MIN
        ? formatDuration(ms)
        : ms >= MIN
          ? `${ms / MIN} minute${ms === MIN ? '' : 's'}`
          : `${ms / SEC} seconds`;
    n.note(`${new Date(clock.now()).toISOString().slice(11, 19)} UTC, ${span} later${why ? `: ${why}` : ''}`);
  };
  /** ...and runs the scheduler's tick there, as the running app would on its own. */
  const tickLater = async (ms: number, why: string) => {
    later(ms, why);
    await stage.tick();
    n.show(bob.id);
  };

  n.scene('Alice declares a SEV1');
  await command('alice', 'declare Card payments failing', GENERAL.id);
  await submit(
    'alice',
    CALLBACK.declare,
    {
      [FIELD.severity]: 'SEV1',
      [FIELD.impact]: 'About 30% of card payments fail at checkout',
      [FIELD.commander]: bob.id,
    },
    'SEV1, commander @bob',
  );
  const incident = await stage.commander.incidents.findByChannel(lastCreatedChannel(fake));
  if (!incident?.channelId) throw new Error('the declaration did not create an incident channel');
  const channel = incident.channelId;

  n.scene('Bob, the incident commander, posts an update');
  later(1 * MIN, '');
  await command('bob', 'update', channel);
  await submit(
    'bob',
    CALLBACK.update,
    {
      [FIELD.status]: 'identified',
      [FIELD.summary]: 'payments-api 4.2 rejects cards with 3-D Secure; rolling back to 4.1',
    },
    'Identified',
  );

  n.scene('The next update is late: a reminder DM');
  n.note(
    `the demo's SEV1 cadence: an update every ${DEMO_CADENCE.updateEvery}, reminders repeated after ${DEMO_CADENCE.repeatAfter}, escalation after ${DEMO_CADENCE.escalateAfterMissed} unanswered`,
  );
  await tickLater(2 * MIN, 'the update is due and nobody posted one');

  n.scene('Still no update: a second reminder, then the escalation');
  await tickLater(1 * MIN, 'still nothing');
  await tickLater(1 * MIN, 'two reminders unanswered');

  n.scene('Dana, called in, catches up');
  await step('dana', 'clicks [Open channel] in the DM, and Slack opens the incident channel', undefined, () =>
    stage.as('dana').click(lastDm(fake, dana.id, ACTION.reminderOpenChannel), ACTION.reminderOpenChannel),
  );
  await command('dana', 'status', channel);

  n.scene('Carol’s message goes on the timeline (message shortcut)');
  later(20 * SEC, '');
  const message = fake.addMessage({
    channel,
    ts: slackTs(clock.now()),
    user: carol.id,
    text: 'Rollback to 4.1 finished; card error rate is back under 0.5%',
  });
  n.act(carol.id, `"${message.text}"`, channel);
  await step('bob', '⋮ → Add to incident timeline, on Carol’s message', channel, () =>
    stage.as('bob').shortcut(message),
  );

  n.scene('Bob answers the reminder from its DM');
  later(20 * SEC, '');
  await step('bob', 'clicks [Post update] in the reminder DM', undefined, () =>
    stage.as('bob').click(lastDm(fake, bob.id, ACTION.reminderUpdate), ACTION.reminderUpdate),
  );
  await submit(
    'bob',
    CALLBACK.update,
    {
      [FIELD.status]: 'monitoring',
      [FIELD.summary]: 'Rolled back; card payments succeed again. Watching error rates.',
    },
    'Monitoring',
  );

  n.scene('A follow-up and a new role');
  await command('bob', `followup Add a 3-D Secure card to the checkout smoke test <@${carol.id}|carol> in 1d`, channel);
  await command('bob', `assign comms <@${alice.id}|alice>`, channel);

  n.scene('Bob resolves the incident');
  later(1 * MIN, 'error rates stayed normal');
  await command('bob', 'resolve', channel);
  await submit(
    'bob',
    CALLBACK.resolve,
    {
      [FIELD.resolution]: 'Rolled payments-api back to 4.1',
      [FIELD.rootCause]: 'A 4.2 config change disabled the 3-D Secure challenge flow',
    },
    'resolution and root cause',
  );

  n.scene('Bob corrects the key times');
  n.note('the first failed payments came 10 minutes before Alice declared; the form reads times in Bob’s zone');
  await command('bob', 'times', channel);
  await submit(
    'bob',
    CALLBACK.keyTimes,
    { [keyTimeField('impactStarted')]: formatZoned(incident.declaredAt - 10 * MIN, DEMO_ZONE) },
    'impact started 10 minutes before the declaration',
  );

  n.scene('The postmortem');
  const uploads = fake.uploads().length;
  await command('bob', 'postmortem', channel);
  const postmortem = fake
    .uploads()
    .slice(uploads)
    .find((u) => u.completed);
  if (!postmortem) throw new Error('the postmortem was not uploaded');

  n.scene('A day later: Carol’s follow-up is due, and Commander nudges her');
  // Nudges wait for working hours in the owner's zone: the next morning there if a day later is night.
  const dayLater = clock.now() + 24 * 60 * MIN + MIN;
  await tickLater(nextWorkingMoment(dayLater, DEMO_ZONE) - clock.now(), 'the follow-up was due in a day');
  return postmortem;
}

/** The modal views.open (or push) showed last for a callback id, as it now stands. */
function lastModal(fake: FakeSlack, callbackId: string): View {
  const view = fake
    .views()
    .filter((v) => v.view.callback_id === callbackId)
    .at(-1);
  if (!view) throw new Error(`no ${callbackId} modal is open`);
  return view;
}

function lastCreatedChannel(fake: FakeSlack): string {
  const created = fake.okCalls('conversations.create').at(-1);
  if (!created) throw new Error('no channel was created');
  return created.response.channel.id;
}

/** The latest DM to a person with a given button on it. */
function lastDm(fake: FakeSlack, userId: string, actionId: string): Message {
  const dm = fake.dmWith(userId);
  const found = fake
    .messages(dm)
    .filter((m) => JSON.stringify(m.blocks ?? []).includes(`"${actionId}"`))
    .at(-1);
  if (!found) throw new Error(`no DM to ${userId} has a ${actionId} button`);
  return found;
}

/** A Slack message ts ("seconds.micros") for a time on the demo clock. */
const slackTs = (ms: number): string => `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
