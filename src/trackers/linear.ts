import type { NewIssue, TrackerClient, TrackerIssue } from './tracker.port';
import { TrackerError } from './tracker.port';
import { trackerRequest } from './tracker-http';
import type { LinearPolicy } from './trackers.config';

type LinearIssue = { id: string; identifier: string; url: string };
const toIssue = (i: LinearIssue): TrackerIssue => ({ ref: i.id, key: i.identifier, url: i.url });

/** Linear's GraphQL API; an answer with `errors` is a refusal, as Linear means it. */
export function createLinearClient(
  policy: LinearPolicy,
  o: { timeoutMs: number; fetch?: typeof fetch | undefined },
): TrackerClient {
  async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const answer = await trackerRequest<{ data?: T; errors?: Array<{ message: string }> }>({
      method: 'POST',
      url: policy.apiUrl,
      headers: { authorization: policy.token, accept: 'application/json' },
      body: { query, variables },
      timeoutMs: o.timeoutMs,
      secrets: [policy.token],
      fetch: o.fetch,
    });
    if (answer.errors?.length || !answer.data)
      throw new TrackerError(400, answer.errors?.map((e) => e.message).join('; ') ?? 'no data');
    return answer.data;
  }
  /** The workspace member with the owner's e-mail address; null when Linear knows nobody by it. */
  async function userOf(email: string | null): Promise<string | null> {
    if (!email) return null;
    const data = await graphql<{ users: { nodes: Array<{ id: string; active?: boolean }> } }>(
      'query Owner($email: String!) { users(filter: { email: { eq: $email } }) { nodes { id active } } }',
      { email },
    );
    const active = data.users.nodes.filter((u) => u.active !== false);
    return active.length === 1 ? (active[0]?.id ?? null) : null;
  }

  return {
    kind: 'linear',
    async find(marker) {
      const data = await graphql<{ issues: { nodes: LinearIssue[] } }>(
        'query Find($marker: String!) { issues(filter: { description: { contains: $marker } }) { nodes { id identifier url } } }',
        { marker },
      );
      const hit = data.issues.nodes[0];
      return hit ? toIssue(hit) : null;
    },
    async create(issue: NewIssue) {
      const assigneeId = await userOf(issue.ownerEmail);
      const data = await graphql<{ issueCreate: { success: boolean; issue: LinearIssue } }>(
        'mutation Create($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier url } } }',
        {
          input: {
            teamId: policy.teamId,
            title: issue.title,
            description: [...issue.lines, '', issue.marker].join('\n\n'),
            ...(issue.dueDate ? { dueDate: issue.dueDate } : {}),
            ...(assigneeId ? { assigneeId } : {}),
          },
        },
      );
      return toIssue(data.issueCreate.issue);
    },
    async isClosed(ref) {
      const data = await graphql<{ issue: { state: { type: string } } }>(
        'query State($id: String!) { issue(id: $id) { state { type } } }',
        { id: ref },
      );
      return ['completed', 'canceled'].includes(data.issue.state.type);
    },
    async close(ref) {
      const states = await graphql<{ workflowStates: { nodes: Array<{ id: string }> } }>(
        'query Done($teamId: ID!) { workflowStates(filter: { team: { id: { eq: $teamId } }, type: { eq: "completed" } }) { nodes { id } } }',
        { teamId: policy.teamId },
      );
      const done = states.workflowStates.nodes[0];
      if (done)
        await graphql(
          'mutation Close($id: String!, $stateId: String!) { issueUpdate(id: $id, input: { stateId: $stateId }) { success } }',
          {
            id: ref,
            stateId: done.id,
          },
        );
    },
  };
}
