import type { Service } from '../catalog/catalog.types';
import type { Policy } from '../config/policy';
import type { Incident, StatusUpdate } from '../incidents/incident.types';
import type { KeyTimeValues } from '../incidents/key-times';
import type { PostmortemFacts } from '../store/postmortem-facts.repository';
import type { ChatText, NameLookup } from '../text/rich-text';
import type { Followup, TimelineEntry, TimelineKind } from '../timeline/timeline.types';
import type { StatusPhase } from './phases';
import type { IncidentChecklists } from '../checklists/checklist.types';

/** Reminders, snoozes and escalations: facts worth keeping, moved out of the story into an appendix. */
export const APPENDIX_KINDS: readonly TimelineKind[] = [
  'reminder_sent',
  'reminder_failed',
  'reminder_answered',
  'reminder_snoozed',
  'escalated',
  'escalation_failed',
];

/** Everything a postmortem is built from; the timeline is streamed, the rest is small. */
export interface PostmortemData {
  incident: Incident;
  policy: Policy;
  /** The affected services, as the catalog has them. */
  services: Service[];
  updates: StatusUpdate[];
  followups: Followup[];
  /** The checklists attached and the tasks added, each item with who ticked it and when. */
  checklists: IncidentChecklists;
  /** The impact as declared; the incident holds the latest reported impact. */
  initialImpact: string;
  severityChanges: Array<Extract<TimelineEntry, { kind: 'severity_changed' }>>;
  timeline: AsyncIterable<TimelineEntry>;
  timelineCount: number;
  /** Entries of each kind, for the counts of the main timeline and the appendix before streaming. */
  kindCounts: Record<string, number>;
  keyTimes: KeyTimeValues;
  phases: StatusPhase[];
  /** The resolve form's summary and users affected. */
  facts: PostmortemFacts;
  /** Whoever asked for the document; the commander when nobody did (the CLI). */
  authorId: string;
  names: NameLookup;
  /** Reads text people wrote, in the chat platform's markup. */
  chat: ChatText;
  generatedAt: number;
}
