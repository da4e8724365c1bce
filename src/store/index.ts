import { createAlertsRepository } from './alerts.repository';
import type { Db } from './db';
import { createFollowupsRepository } from './followups.repository';
import { createIncidentsRepository } from './incidents.repository';
import { createKeyTimesRepository } from './key-times.repository';
import { createPendingCapturesRepository } from './pending-captures.repository';
import { createPeopleRepository } from './people.repository';
import { createPostmortemFactsRepository } from './postmortem-facts.repository';
import { createPostmortemStepsRepository } from './postmortem-steps.repository';
import { createRemindersRepository } from './reminders.repository';
import { createStatusUpdatesRepository } from './status-updates.repository';
import { createTimelineRepository, type EntryLine } from './timeline.repository';

export type Store = ReturnType<typeof createStore>;

/**
 * What a service is given: the repositories it uses, by name, and the transaction helper; never
 * the raw connection. `Repositories<'incidents' | 'timeline'>` reads as the list it is.
 */
export type Repositories<K extends Exclude<keyof Store, 'db'>> = Pick<Store, K>;

/** All repositories over one connection, plus a transaction helper for multi-row writes. */
export function createStore(db: Db, options: { entryLine?: EntryLine } = {}) {
  return {
    db,
    incidents: createIncidentsRepository({ db }),
    statusUpdates: createStatusUpdatesRepository({ db }),
    timeline: createTimelineRepository({ db, entryLine: options.entryLine }),
    reminders: createRemindersRepository({ db }),
    followups: createFollowupsRepository({ db }),
    people: createPeopleRepository({ db }),
    pendingCaptures: createPendingCapturesRepository({ db }),
    alerts: createAlertsRepository({ db }),
    keyTimes: createKeyTimesRepository({ db }),
    postmortemFacts: createPostmortemFactsRepository({ db }),
    postmortemSteps: createPostmortemStepsRepository({ db }),
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
  };
}
