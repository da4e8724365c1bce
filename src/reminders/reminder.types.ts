export interface ReminderState {
  incidentId: number;
  /** When the next reminder goes out (UTC ms); null when none is planned. */
  dueAt: number | null;
  /** Reminders sent since the commander last answered (posted an update or snoozed). */
  missed: number;
  /** When the current streak was last escalated. */
  escalatedAt: number | null;
  /** How many levels the current streak has climbed by missed updates (0: none). */
  escalationLevel: number;
  /** Snoozes used in the current streak (reminders.maxSnoozes). */
  snoozes: number;
  lastSentAt: number | null;
  /** Consecutive failed sends; drives the retry backoff. */
  failures: number;
  lastError: string | null;
}

export const emptyReminder = (incidentId: number): ReminderState => ({
  incidentId,
  dueAt: null,
  missed: 0,
  escalatedAt: null,
  escalationLevel: 0,
  snoozes: 0,
  lastSentAt: null,
  failures: 0,
  lastError: null,
});

/** What a reminder or escalation tells people. */
export interface ReminderNotice {
  /** Milliseconds since the last status update (or the declaration). */
  sinceLastUpdate: number;
  /** The severity's cadence, for "SEV1 incidents get an update every 15m". */
  updateEvery: number;
  /** Which reminder of the current streak this is (1 = first). */
  reminderNumber: number;
  snoozeFor: number;
  /** Snoozes left in this streak; 0: the reminder says so and offers none. */
  snoozesLeft: number;
}
