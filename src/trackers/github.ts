import type { NewIssue, TrackerClient, TrackerIssue } from './tracker.port';
import { type HttpCall, trackerRequest } from './tracker-http';
import type { GitHubPolicy } from './trackers.config';

interface GitHubIssue {
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  body?: string | null;
}

const toIssue = (i: GitHubIssue): TrackerIssue => ({ ref: String(i.number), key: `#${i.number}`, url: i.html_url });

/** GitHub's REST API (docs.github.com/rest/issues); GitHub Enterprise at its own `apiUrl`. */
export function createGitHubClient(
  policy: GitHubPolicy,
  o: { timeoutMs: number; fetch?: typeof fetch | undefined },
): TrackerClient {
  const call = <T>(method: HttpCall['method'], path: string, body?: unknown) =>
    trackerRequest<T>({
      method,
      url: `${policy.apiUrl}${path}`,
      headers: {
        authorization: `Bearer ${policy.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      },
      body,
      timeoutMs: o.timeoutMs,
      secrets: [policy.token],
      fetch: o.fetch,
    });
  const repo = `/repos/${policy.repo}`;
  return {
    kind: 'github',
    async find(marker) {
      const q = encodeURIComponent(`repo:${policy.repo} "${marker}" in:body`);
      const found = await call<{ items: GitHubIssue[] }>('GET', `/search/issues?q=${q}`);
      const hit = found.items.find((i) => i.body?.includes(marker));
      if (hit) return toIssue(hit);
      // Search is indexed a little after an issue is made: the newest issues are read as well.
      const recent = await call<GitHubIssue[]>(
        'GET',
        `${repo}/issues?state=all&sort=created&direction=desc&per_page=50`,
      );
      const made = recent.find((i) => i.body?.includes(marker));
      return made ? toIssue(made) : null;
    },
    async create(issue: NewIssue) {
      const body = [
        ...issue.lines,
        ...(issue.dueDate ? [`Due: ${issue.dueDate}`] : []),
        '',
        `<sub>${issue.marker}</sub>`,
      ];
      const made = await call<GitHubIssue>('POST', `${repo}/issues`, {
        title: issue.title,
        body: body.join('\n'),
        labels: policy.labels,
      });
      return toIssue(made);
    },
    async isClosed(ref) {
      return (await call<GitHubIssue>('GET', `${repo}/issues/${ref}`)).state === 'closed';
    },
    async close(ref) {
      await call('PATCH', `${repo}/issues/${ref}`, { state: 'closed', state_reason: 'completed' });
    },
  };
}
