import type { TrackerKind } from './trackers.config';

/** What Commander asks a tracker to make of a follow-up. */
export interface NewIssue {
  title: string;
  /** Plain text with the marker on its last line; each tracker puts it in its own format. */
  lines: string[];
  /** Hidden in the body (and, on Jira, a label): how a retry after a lost answer finds the issue. */
  marker: string;
  /** YYYY-MM-DD in the policy's zone, or null. */
  dueDate: string | null;
  /**
   * The owner's e-mail address as Slack has it, or null: Jira and Linear assign the issue to the
   * account with that address; unknown there (or on GitHub), the owner is named in the body only.
   */
  ownerEmail: string | null;
}

/** An issue as the tracker answered: `ref` for later calls, `key` and `url` for people. */
export interface TrackerIssue {
  ref: string;
  key: string;
  url: string;
}

/**
 * One tracker's REST or GraphQL API, as the outbox job uses it. Each method throws a TrackerError
 * when the tracker answers anything but success or cannot be reached.
 */
export interface TrackerClient {
  kind: TrackerKind;
  /** The issue carrying `marker`, if one exists already (made by an attempt whose answer was lost). */
  find(marker: string): Promise<TrackerIssue | null>;
  create(issue: NewIssue): Promise<TrackerIssue>;
  /** Whether the issue is closed (done or cancelled) in the tracker. */
  isClosed(ref: string): Promise<boolean>;
  close(ref: string): Promise<void>;
}

/**
 * A tracker's answer other than success, neutral: `status` null when it could not be reached;
 * `refused` when asking again would get the same answer (bad token, no such project, invalid
 * fields), so it is told to people once instead of retried. `reason` is what the tracker said,
 * cut short, with any token taken out.
 */
export class TrackerError extends Error {
  readonly code = 'tracker_error';
  constructor(
    readonly status: number | null,
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(status === null ? reason : `HTTP ${status}: ${reason}`);
    this.name = 'TrackerError';
  }

  get refused(): boolean {
    return (
      this.status !== null && this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429
    );
  }
}
