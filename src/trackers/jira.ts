import { type NewIssue, type TrackerClient, TrackerError } from './tracker.port';
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

/** A user as Jira Cloud's user search answers (emailAddress only where the profile shows it). */
interface JiraUser {
  accountId: string;
  accountType?: string;
  active?: boolean;
  emailAddress?: string;
}

/** Jira labels hold no spaces or colons: the marker as a label a JQL search matches exactly. */
export const markerLabel = (marker: string) => marker.replace(/[^A-Za-z0-9_-]/g, '-');

/** Jira Cloud's REST API v3, with Basic auth of the e-mail and API token. */
export function createJiraClient(
  policy: JiraPolicy,
  o: { timeoutMs: number; fetch?: typeof fetch | undefined },
): TrackerClient {
  const basic = Buffer.from(`${policy.email}:${policy.token}`).toString('base64');
  const auth = `Basic ${basic}`;
  const call = <T>(method: HttpCall['method'], path: string, body?: unknown) =>
    trackerRequest<T>({
      method,
      url: `${policy.url}/rest/api/3${path}`,
      headers: { authorization: auth, accept: 'application/json' },
      body,
      timeoutMs: o.timeoutMs,
      secrets: [policy.token, basic],
      fetch: o.fetch,
    });
  const browse = (key: string) => `${policy.url}/browse/${key}`;

  /**
   * The account with the owner's e-mail address (user search matches it even where a profile
   * hides the address); null when Jira knows nobody by it, or will not say.
   */
  async function accountOf(email: string | null): Promise<string | null> {
    if (!email) return null;
    let found: JiraUser[];
    try {
      found = await call<JiraUser[]>('GET', `/user/search?query=${encodeURIComponent(email)}`);
    } catch (error) {
      if (error instanceof TrackerError && error.refused) return null;
      throw error;
    }
    const people = (Array.isArray(found) ? found : []).filter((u) => u.active && u.accountType === 'atlassian');
    const exact = people.filter((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
    const only = exact.length === 1 ? exact[0] : people.length === 1 ? people[0] : undefined;
    return only?.accountId ?? null;
  }

  return {
    kind: 'jira',
    async find(marker) {
      const jql = `project = "${policy.project}" AND labels = "${markerLabel(marker)}"`;
      const found = await call<{ issues: Array<{ key: string }> }>('POST', '/search/jql', { jql, fields: ['status'] });
      const hit = found.issues[0];
      return hit ? { ref: hit.key, key: hit.key, url: browse(hit.key) } : null;
    },
    async create(issue: NewIssue) {
      const fields = {
        project: { key: policy.project },
        summary: issue.title,
        issuetype: { name: policy.issueType },
        description: adf([...issue.lines, issue.marker]),
        labels: [markerLabel(issue.marker)],
        ...(issue.dueDate ? { duedate: issue.dueDate } : {}),
      };
      const accountId = await accountOf(issue.ownerEmail);
      let made: { key: string };
      try {
        made = await call<{ key: string }>('POST', '/issue', {
          fields: { ...fields, ...(accountId ? { assignee: { accountId } } : {}) },
        });
      } catch (error) {
        // The owner may not take issues in this project: made unassigned, the owner named in the body.
        if (!(accountId && error instanceof TrackerError && error.status === 400 && /assignee/i.test(error.reason)))
          throw error;
        made = await call<{ key: string }>('POST', '/issue', { fields });
      }
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
