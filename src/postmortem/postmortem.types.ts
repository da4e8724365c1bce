import type { Policy } from '../config/policy';
import type { Incident, StatusUpdate } from '../incidents/incident.types';
import type { Followup, TimelineEntry } from '../timeline/timeline.types';
import type { ChatText, NameLookup } from '../text/rich-text';

/** Everything a postmortem is built from; the timeline is streamed, the rest is small. */
export interface PostmortemData {
  incident: Incident;
  policy: Policy;
  updates: StatusUpdate[];
  followups: Followup[];
  /** The impact as declared; the incident holds the latest reported impact. */
  initialImpact: string;
  severityChanges: Array<Extract<TimelineEntry, { kind: 'severity_changed' }>>;
  timeline: AsyncIterable<TimelineEntry>;
  timelineCount: number;
  names: NameLookup;
  /** Reads text people wrote, in the chat platform's markup. */
  chat: ChatText;
  generatedAt: number;
}
