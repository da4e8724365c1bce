import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock';
import type { PersonFacts, PersonKind } from '../../people/person-facts';
import type { Repositories } from '../../store';
import { isTimeZone } from '../../text/zoned-time';
import { slackErrorCode } from './slack-errors';

/** How long what Slack said about a person is taken as read; its user_change events keep it current meanwhile. */
export const PEOPLE_FRESH_FOR = 24 * 3_600_000;

/** The user object of users.info and of the user_change and team_join events. */
export interface SlackUserObject {
  id?: string;
  name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  tz?: string;
}

const kindOf = (user: SlackUserObject): PersonKind =>
  user.is_bot || user.id === 'USLACKBOT' ? 'bot' : user.deleted ? 'deactivated' : 'person';

export type PeopleDirectory = ReturnType<typeof createPeopleDirectory>;

/**
 * What Slack said about people (kind, time zone), kept in the store and shared by replicas, so that
 * a form naming someone seen recently is answered without asking Slack first (issue 32). Slack's
 * user_change and team_join events refresh it; what is older than PEOPLE_FRESH_FOR is asked again.
 * Checks that must not trust it (`fresh: true`) ask Slack every time.
 */
export function createPeopleDirectory(deps: {
  client: WebClient;
  store: Repositories<'people'>;
  clock: Clock;
  freshFor?: number;
}) {
  const { client, store, clock, freshFor = PEOPLE_FRESH_FOR } = deps;

  async function keep(userId: string, name: string, facts: PersonFacts): Promise<PersonFacts> {
    await store.people.learnFacts(userId, name, facts);
    return facts;
  }

  async function learn(user: SlackUserObject): Promise<PersonFacts | undefined> {
    if (!user.id) return undefined;
    const tz = user.tz && isTimeZone(user.tz) ? user.tz : null;
    return keep(user.id, user.name ?? user.id, { kind: kindOf(user), tz, at: clock.now() });
  }

  async function ask(userId: string): Promise<PersonFacts> {
    try {
      const { user } = await client.users.info({ user: userId });
      return (await learn({ ...user, id: userId })) as PersonFacts;
    } catch (error) {
      if (slackErrorCode(error) === 'user_not_found')
        return keep(userId, userId, { kind: 'missing', tz: null, at: clock.now() });
      throw error;
    }
  }

  return {
    learn,
    /** A call refused the person as deactivated or unknown: kept as Slack's latest word on them. */
    learnKind: async (userId: string, kind: PersonKind) => {
      const known = await store.people.facts(userId);
      await keep(userId, userId, { kind, tz: known?.tz ?? null, at: clock.now() });
    },
    /** What Slack says of the person: as it said within freshFor, else (or with `fresh`) asked now. */
    async facts(userId: string, how?: { fresh: boolean }): Promise<PersonFacts> {
      if (!how?.fresh) {
        const known = await store.people.facts(userId);
        if (known && clock.now() - known.at < freshFor) return known;
      }
      return ask(userId);
    },
  };
}
