import type { ChecklistsService } from '../../checklists/checklists.service';
import type { Clock } from '../../clock';
import type { Policy } from '../../config/policy';
import type { IncidentsService } from '../../incidents/incidents.service';
import type { KeyTimesService } from '../../incidents/key-times.service';
import type { TimelineEdits } from '../../incidents/timeline-edits';
import type { FollowThrough } from '../../postmortem/follow-through';
import type { FollowupNudges } from '../../followups/followup-nudges';
import type { OverviewService } from '../../incidents/overview.service';
import type { InFlight } from '../../in-flight';
import type { Logger } from '../../logger';
import type { OnCallService } from '../../oncall/oncall.service';
import type { SimilarIncidents } from '../../similar/similar.service';
import type { IncidentLinks } from '../../incidents/links';
import type { PeopleService } from '../../people/people.service';
import type { PostmortemService } from '../../postmortem/postmortem.service';
import type { TimelineService } from '../../incidents/timeline.service';
import type { FollowupsService } from '../../followups/followups.service';
import type { EscalationsService } from '../../escalations/escalations.service';
import type { RemindersService } from '../../reminders/reminders.service';
import type { MembershipCache } from '../adapters/membership-cache';
import type { PeopleDirectory } from '../adapters/people-directory';
import type { createMaintenance } from '../../statuspage/maintenance';
import type { createPublishing } from '../../statuspage/publish';
import type { TrackersService } from '../../trackers/trackers.service';
import type { HandoffNotes } from '../../handoffs/handoff-notes';
import type { FollowsService } from '../../follows/follows.service';

/** What listeners may use: domain services and read-only settings, never the store directly. */
export interface ListenerDeps {
  incidents: IncidentsService;
  overview: OverviewService;
  reminders: RemindersService;
  escalations: EscalationsService;
  timeline: TimelineService;
  followups: FollowupsService;
  /** Follow-ups' issues in GitHub, Jira or Linear: the Create issue button, syncing on request. */
  trackers: TrackersService;
  /** Key times of an incident, and the commander's corrections to them. */
  keyTimes: KeyTimesService;
  /** Editing and removing timeline entries, and following captured messages to their source. */
  timelineEdits: TimelineEdits;
  /** A required postmortem's draft, deadlines and nudges. */
  followThrough: FollowThrough;
  /** Overdue follow-ups: who may answer their nudges, and snoozing them. */
  followupNudges: FollowupNudges;
  postmortem: PostmortemService;
  /** Checklists attached to incidents: ticking items, adding tasks, what resolving leaves undone. */
  checklists: ChecklistsService;
  /** Publishing to the public status page, and its maintenance windows. */
  statusPage: ReturnType<typeof createPublishing> & { maintenance: ReturnType<typeof createMaintenance> };
  people: PeopleService;
  oncall: OnCallService;
  /** Resolved incidents like one at hand, as a reader may see them. */
  similar: SimilarIncidents;
  /** Links between incidents (related, duplicate, parent). */
  links: IncidentLinks;
  /** The outgoing primary's hand-off notes: who may write them, and whether it is still time. */
  handoffNotes: HandoffNotes;
  /** Following incidents and standing subscriptions to future ones. */
  follows: FollowsService;
  policy: Policy;
  /** Channel membership as events and lookups told it; the events listener keeps it current. */
  membership: MembershipCache;
  /** What Slack said about people (kind, time zone), kept; the events listener keeps it current. */
  peopleDirectory: PeopleDirectory;
  clock: Clock;
  logger: Logger;
  /** Counts each request's work, so that stopping waits for it. */
  inFlight: Pick<InFlight, 'run'>;
  /** How long a reply that needs Slack lookups may hold up an acknowledgement (Slack waits 3 s). */
  /** The web console's WEB_BASE_URL when this process serves it, for links into it. */
  consoleUrl?: string;
  ackBudgetMs: number;
}
