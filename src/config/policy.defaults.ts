/**
 * The built-in incident policy. The ladder and cadences follow the runbooks in shared/runbooks:
 * SEV1 updates every 15 minutes and SEV2 every 30 (Clipper, Insurance Lead Gen), SEV3 hourly,
 * SEV4 is handled in working hours without an update cadence. The two major levels escalate after
 * two unanswered reminders; the contacts are the operator's to fill in.
 */
export const DEFAULT_POLICY_INPUT = {
  timezone: 'UTC',
  announcementChannel: null,
  channelPrefix: 'inc',
  reminders: { repeatAfter: '5m', snoozeFor: '10m', checkEvery: '5s' },
  severities: [
    {
      id: 'SEV1',
      name: 'Critical',
      description: 'Service down, data loss or security breach; all users affected',
      updateEvery: '15m',
      escalateAfterMissed: 2,
      escalateTo: { users: [], usergroup: null },
    },
    {
      id: 'SEV2',
      name: 'High',
      description: 'Major feature broken or severely degraded; many users affected',
      updateEvery: '30m',
      escalateAfterMissed: 2,
      escalateTo: { users: [], usergroup: null },
    },
    {
      id: 'SEV3',
      name: 'Medium',
      description: 'Minor feature broken or degraded; few users affected',
      updateEvery: '1h',
      escalateAfterMissed: null,
      escalateTo: { users: [], usergroup: null },
    },
    {
      id: 'SEV4',
      name: 'Low',
      description: 'Cosmetic issue or minor bug',
      updateEvery: null,
      escalateAfterMissed: null,
      escalateTo: { users: [], usergroup: null },
    },
  ],
};
