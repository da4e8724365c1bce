import type { NewIssue, TrackerClient } from './tracker.port';
import { type HttpCall, trackerRequest } from './tracker-http';
import type { JiraPolicy } from './trackers.config';

/** Atlassian Document Format: one paragraph per line of text. */
const adf = (lines: string[]) => ({
  type: 'doc',
  version: 1,
  content: lines
    .filter((line) => line !== '')
    .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
});

/** Jira labels hold no spaces or colons: the marker as a label a JQL search matches exactly. */
export const markerLabel = (marker: string) => marker.replace(/[^A-Za-z0-9_-]/g, '-');

/** Jira Cloud's REST API v3, with Basic auth of the e-mail and API token. */
export function createJiraClient(
  policy: JiraPolicy,
  o: { timeoutMs: number; fetch?: typeof fetch | undefined },
): TrackerClient {
  const auth = `Basic ${Buffer.from(`${policy.email}:${policy.token}`).toString('base64')}`;
  const call = <T>(method: HttpCall['method'], path: string, body?: unknown) =>
    trackerRequest<T>({
      method,
      url: `${policy.url}/rest/api/3${path}`,
      headers: { authorization: auth, accept: 'application/json' },
      body,
      timeoutMs: o.timeoutMs,
      secrets: [policy.token, auth],
      fetch: o.fetch,
    });
  const browse = (key: string) => `${policy.url}/browse/${key}`;
  return {
    kind: 'jira',
    async find(marker) {
      const jql = `project = "${policy.project}" AND labels = "${markerLabel(marker)}"`;
      const found = await call<{ issues: Array<{ key: string }> }>('POST', '/search/jql', { jql, fields: ['status'] });
      const hit = found.issues[0];
      return hit ? { ref: hit.key, key: hit.key, url: browse(hit.key) } : null;
    },
    async create(issue: NewIssue) {
      const made = await call<{ key: string }>('POST', '/issue', {
        fields: {
          project: { key: policy.project },
          summary: issue.title,
          issuetype: { name: policy.issueType },
          description: adf([...issue.lines, issue.marker]),
          labels: [markerLabel(issue.marker)],
          ...(issue.dueDate ? { duedate: issue.dueDate } : {}),
        },
      });
      return { ref: made.key, key: made.key, url: browse(made.key) };
    },
    async isClosed(ref) {
      const found = await call<{ fields: { status: { statusCategory: { key: string } } } }>(
        'GET',
        `/issue/${encodeURIComponent(ref)}?fields=status`,
      );
      return found.fields.status.statusCategory.key === 'done';
    },
    async close(ref) {
      const path = `/issue/${encodeURIComponent(ref)}/transitions`;
      const { transitions } = await call<{
        transitions: Array<{ id: string; to: { statusCategory: { key: string } } }>;
      }>('GET', path);
      const done = transitions.find((t) => t.to.statusCategory.key === 'done');
      // A workflow with no way to done from here: the issue stays as it is, for people to close.
      if (done) await call('POST', path, { transition: { id: done.id } });
    },
  };
}
