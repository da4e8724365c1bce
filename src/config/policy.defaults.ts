/**
 * The built-in incident policy. The ladder and cadences follow the runbooks in shared/runbooks:
 * SEV1 updates every 15 minutes and SEV2 every 30 (Clipper, Insurance Lead Gen), SEV3 hourly,
 * SEV4 is handled in working hours without an update cadence.
 */
export const DEFAULT_POLICY_INPUT = {
  timezone: 'UTC',
  announcementChannel: null,
  channelPrefix: 'inc',
  severities: [
    {
      id: 'SEV1',
      name: 'Critical',
      description: 'Service down, data loss or security breach; all users affected',
      updateEvery: '15m',
    },
    {
      id: 'SEV2',
      name: 'High',
      description: 'Major feature broken or severely degraded; many users affected',
      updateEvery: '30m',
    },
    {
      id: 'SEV3',
      name: 'Medium',
      description: 'Minor feature broken or degraded; few users affected',
      updateEvery: '1h',
    },
    { id: 'SEV4', name: 'Low', description: 'Cosmetic issue or minor bug', updateEvery: null },
  ],
};
