import { createGitHubClient } from './github';
import { createJiraClient } from './jira';
import { createLinearClient } from './linear';
import type { TrackerClient } from './tracker.port';
import type { TrackerKind, TrackersPolicy } from './trackers.config';

/** A client for each tracker the policy configures. */
export function trackerClients(
  trackers: TrackersPolicy | null,
  fetcher?: typeof fetch,
): Partial<Record<TrackerKind, TrackerClient>> {
  if (!trackers) return {};
  const o = { timeoutMs: trackers.timeout, fetch: fetcher };
  return {
    ...(trackers.github ? { github: createGitHubClient(trackers.github, o) } : {}),
    ...(trackers.jira ? { jira: createJiraClient(trackers.jira, o) } : {}),
    ...(trackers.linear ? { linear: createLinearClient(trackers.linear, o) } : {}),
  };
}
