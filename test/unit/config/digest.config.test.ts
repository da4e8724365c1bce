import { parsePolicy } from '../../../src/config/policy';
import { DEFAULT_POLICY_INPUT } from '../../../src/config/policy.defaults';

const withDigest = (digest: unknown) => parsePolicy({ ...DEFAULT_POLICY_INPUT, digest }, 'commander.yml');

describe('the digest policy key', () => {
  it('is Monday 09:00 when left out, and takes another weekday and time, or false for none', () => {
    expect(parsePolicy(DEFAULT_POLICY_INPUT).digest).toEqual({ weekday: 'monday', time: '09:00' });
    expect(withDigest({ weekday: 'Friday', time: '16:30' }).digest).toEqual({ weekday: 'friday', time: '16:30' });
    expect(withDigest({ time: '08:00' }).digest).toEqual({ weekday: 'monday', time: '08:00' });
    expect(withDigest(false).digest).toBe(false);
  });

  it('takes the weekday and time in one, as `at`', () => {
    expect(withDigest({ at: 'Monday 09:00' }).digest).toEqual({ weekday: 'monday', time: '09:00' });
    expect(withDigest({ at: 'friday 16:30' }).digest).toEqual({ weekday: 'friday', time: '16:30' });
  });

  it.each([
    [
      { weekday: 'funday' },
      'commander.yml: digest.weekday: must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday',
    ],
    [{ time: '9am' }, 'commander.yml: digest.time: must be a 24-hour time "HH:mm" such as 09:00'],
    [{ at: 'Mon 09:00' }, 'commander.yml: digest.at: must be one of monday,'],
    [{ at: 'Monday 9am' }, 'commander.yml: digest.at: must be a 24-hour time'],
    [{ at: '09:00' }, 'commander.yml: digest.at: must be a weekday and a 24-hour time such as "Monday 09:00"'],
    [{ at: 'Monday 09:00', time: '10:00' }, 'commander.yml: digest.at: must be a weekday and a 24-hour time'],
    [true, 'commander.yml: digest: must be false, { at: "Monday 09:00" } or { weekday: monday, time: "09:00" }'],
  ])('answers %j with one line naming the key', (digest, message) => {
    expect(() => withDigest(digest)).toThrow(message);
  });
});
