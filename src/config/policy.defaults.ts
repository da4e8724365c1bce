import { DEFAULT_INCIDENT_TYPES } from './types.config';

/**
 * The built-in incident policy. The ladder and cadences follow the runbooks in shared/runbooks:
 * SEV1 updates every 15 minutes and SEV2 every 30 (Clipper, Insurance Lead Gen), SEV3 hourly,
 * SEV4 is handled in working hours without an update cadence. The two major levels escalate after
 * two unanswered reminders; the contacts are the operator's to fill in.
 *
 * The escalation ladders and acknowledgement times are runbook 002's table (On-Call Rotation
 * Guide): SEV1 calls in the secondary at 15m unless acknowledged, the on-call manager at 30m unless
 * mitigated, VP Engineering + CTO at 60m unless resolved; SEV2 the secondary at 1h unless
 * acknowledged and the manager at 2h unless mitigated. Acknowledgement within 5m (SEV1) and 15m
 * (SEV2) is runbook 004's response time; Customer Success is told within 30 minutes (runbook 001).
 * Managers and leadership are people only the operator can name: until they do, those levels are
 * skipped with a start-up warning. A postmortem is required for SEV1, and for SEV2 over 2 hours
 * (runbook 002).
 */
export const DEFAULT_POLICY_INPUT = {
  timezone: 'UTC',
  announcementChannel: null,
  channelPrefix: 'inc',
  privateAnnouncementChannel: null,
  admins: [],
  archiveAfter: null,
  // The runbooks' incident roles: one person leads, one talks to stakeholders, one keeps the record.
  roles: [
    {
      id: 'commander',
      name: 'Incident commander',
      description:
        'Leads the response: decides what happens next, keeps status updates going on time, and hands over explicitly.',
    },
    {
      id: 'comms',
      name: 'Communications lead',
      description:
        'Keeps stakeholders and customers informed: drafts status updates and answers questions outside the channel.',
    },
    {
      id: 'scribe',
      name: 'Scribe',
      description: 'Keeps the record: adds key messages, decisions and times to the timeline for the postmortem.',
    },
  ],
  types: DEFAULT_INCIDENT_TYPES,
  drills: { pageOncall: false },
  leaseFor: '2m',
  reminders: { repeatAfter: '5m', snoozeFor: '10m', checkEvery: '5s', maxSnoozes: 2 },
  // Runbook 002: a report within 24 h, a draft within 48 h, the meeting within 7 days, actions tracked within 14.
  postmortemDeadlines: { report: '24h', draft: '48h', meeting: '7d', actions: '14d' },
  severities: [
    {
      id: 'SEV1',
      name: 'Critical',
      description: 'Service down, data loss or security breach; all users affected',
      updateEvery: '15m',
      escalateAfterMissed: 2,
      escalateTo: { users: [], usergroup: null },
      acknowledgeWithin: '5m',
      commsWithin: '30m',
      escalation: [
        { name: 'on-call secondary', after: '15m', unless: 'acknowledged', notify: { oncall: 'secondary' } },
        { name: 'on-call manager', after: '30m', unless: 'mitigated', notify: { users: [] } },
        { name: 'VP Engineering + CTO', after: '60m', unless: 'resolved', notify: { users: [] } },
      ],
      postmortem: 'required',
    },
    {
      id: 'SEV2',
      name: 'High',
      description: 'Major feature broken or severely degraded; many users affected',
      updateEvery: '30m',
      escalateAfterMissed: 2,
      escalateTo: { users: [], usergroup: null },
      acknowledgeWithin: '15m',
      commsWithin: '1h',
      escalation: [
        { name: 'on-call secondary', after: '1h', unless: 'acknowledged', notify: { oncall: 'secondary' } },
        { name: 'on-call manager', after: '2h', unless: 'mitigated', notify: { users: [] } },
      ],
      requiredIfLongerThan: '2h',
    },
    {
      id: 'SEV3',
      name: 'Medium',
      description: 'Minor feature broken or degraded; few users affected',
      updateEvery: '1h',
      escalateAfterMissed: null,
      escalateTo: { users: [], usergroup: null },
      escalation: [],
    },
    {
      id: 'SEV4',
      name: 'Low',
      description: 'Cosmetic issue or minor bug',
      updateEvery: null,
      escalateAfterMissed: null,
      escalateTo: { users: [], usergroup: null },
      escalation: [],
    },
  ],
};
