import { DEFAULT_POLICY } from '../../src/config/policy';
import { dueEscalation, escalationLadder, secondaryContact } from '../../src/reminders/escalation';
import { emptyReminder } from '../../src/reminders/reminder.types';

// The reminder about to be sent has `missed` unanswered ones before it; SEV1 escalates after 2.
const state = (missed: number, escalationLevel = 0) => ({
  ...emptyReminder(1),
  missed,
  escalationLevel,
  escalatedAt: escalationLevel ? 1 : null,
});
const levelAt = (missed: number, reached: number, withSecondary: boolean, severity = 'SEV1') =>
  dueEscalation(state(missed, reached), escalationLadder(DEFAULT_POLICY, severity, withSecondary))?.level ?? null;

describe('escalation without a rotation', () => {
  it('calls in the escalation contacts once escalateAfterMissed reminders went unanswered, once per streak', () => {
    expect(levelAt(1, 0, false)).toBeNull();
    expect(levelAt(2, 0, false)).toBe('manager');
    expect(levelAt(3, 2, false)).toBeNull();
    expect(levelAt(9, 2, false)).toBeNull();
  });

  it('never escalates a severity without escalateAfterMissed', () => {
    expect(levelAt(9, 0, false, 'SEV3')).toBeNull();
    expect(levelAt(9, 0, true, 'SEV3')).toBeNull();
  });
});

describe('escalation with a rotation', () => {
  it('calls in the secondary after escalateAfterMissed, the managers after as many again', () => {
    expect(levelAt(1, 0, true)).toBeNull();
    expect(levelAt(2, 0, true)).toBe('secondary');
    expect(levelAt(3, 1, true)).toBeNull();
    expect(levelAt(4, 1, true)).toBe('manager');
    expect(levelAt(5, 2, true)).toBeNull();
  });

  it('a streak that went past both counts at once (say, across a restart) goes straight to the managers', () => {
    expect(levelAt(4, 0, true)).toBe('manager');
  });

  it('follows the severity’s own count', () => {
    const policy = { ...DEFAULT_POLICY, severities: [{ ...DEFAULT_POLICY.severities[0]!, escalateAfterMissed: 3 }] };
    expect(escalationLadder(policy, 'SEV1', true)).toEqual([
      { level: 'secondary', afterMissed: 3 },
      { level: 'manager', afterMissed: 6 },
    ]);
  });
});

describe('whom the secondary level calls', () => {
  it('is the on-call secondary', () => {
    expect(secondaryContact({ primary: 'UA', secondary: 'UB' }, 'UA')).toBe('UB');
    expect(secondaryContact({ primary: 'UA', secondary: 'UB' }, 'UZ')).toBe('UB');
  });

  it('is the primary when the secondary is the commander being reminded, or there is no secondary', () => {
    expect(secondaryContact({ primary: 'UA', secondary: 'UB' }, 'UB')).toBe('UA');
    expect(secondaryContact({ primary: 'UA', secondary: null }, 'UZ')).toBe('UA');
  });

  it('is nobody when only the commander is on call, or no rotation is configured', () => {
    expect(secondaryContact({ primary: 'UA', secondary: null }, 'UA')).toBeNull();
    expect(secondaryContact(null, 'UA')).toBeNull();
  });
});
