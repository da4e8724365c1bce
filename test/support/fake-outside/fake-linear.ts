import { type FakeAnswer, type FakeRequest, HttpFake, isDay, isJson } from './http-fake';

export interface LinearIssue {
  id: string;
  identifier: string;
  url: string;
  title: string;
  description: string;
  dueDate?: string;
  assigneeId?: string;
  state: 'unstarted' | 'completed';
}

/** A member of the Linear workspace. */
export interface LinearUser {
  id: string;
  name: string;
  email: string;
  active?: boolean;
}

const DONE_STATE = 'state-done';

/**
 * Linear's GraphQL API on 127.0.0.1, checking what Linear checks: the API key in Authorization,
 * a JSON body with a query, issueCreate's team and title, dueDate as a date, assigneeId as a member.
 * Understands the few operations Commander sends (by the fields they name).
 */
export class FakeLinear {
  readonly issues: LinearIssue[] = [];
  readonly users: LinearUser[] = [];
  private constructor(
    readonly http: HttpFake,
    private readonly o: { teamId: string; token: string },
  ) {}

  static async start(o: { teamId: string; token: string }): Promise<FakeLinear> {
    let linear!: FakeLinear;
    const http = await HttpFake.start(
      (req) => linear.route(req),
      () => ({ status: 401, body: { errors: [{ message: 'Authentication required, not authenticated' }] } }),
    );
    linear = new FakeLinear(http, o);
    return linear;
  }

  get url(): string {
    return `${this.http.url}/graphql`;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  close(identifier: string): void {
    const issue = this.issues.find((i) => i.identifier === identifier);
    if (issue) issue.state = 'completed';
  }

  private route(req: FakeRequest): FakeAnswer {
    const error = (message: string, status = 400) => ({ status, body: { errors: [{ message }] } });
    if (req.headers.authorization !== this.o.token) return error('Authentication required, not authenticated', 401);
    if (req.method !== 'POST' || req.url.pathname !== '/graphql') return { status: 404, body: {} };
    const body = req.json as { query?: string; variables?: Record<string, any> } | undefined;
    if (!isJson(req) || typeof body?.query !== 'string') return error('Must provide query string.');
    const { query, variables = {} } = body;
    if (query.includes('issueCreate(')) {
      const input = variables.input ?? {};
      if (input.teamId !== this.o.teamId)
        return { status: 200, body: { data: null, errors: [{ message: 'Entity not found: Team' }] } };
      if (typeof input.title !== 'string' || input.title === '') return error('Argument Validation Error: title');
      if (input.dueDate !== undefined && !isDay(input.dueDate)) return error('Argument Validation Error: dueDate');
      if (input.assigneeId !== undefined && !this.users.some((u) => u.id === input.assigneeId))
        return { status: 200, body: { data: null, errors: [{ message: 'Entity not found: User' }] } };
      const n = this.issues.length + 1;
      const issue: LinearIssue = {
        id: `uuid-${n}`,
        identifier: `ENG-${n}`,
        url: `https://linear.example/acme/issue/ENG-${n}`,
        title: input.title,
        description: input.description ?? '',
        ...(input.dueDate ? { dueDate: input.dueDate } : {}),
        ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
        state: 'unstarted',
      };
      this.issues.push(issue);
      return { status: 200, body: { data: { issueCreate: { success: true, issue: this.node(issue) } } } };
    }
    if (query.includes('users(filter')) {
      // UserFilter's email is a StringComparator: { eq } matches the address case-insensitively, as Linear does.
      const eq = /email:\s*\{\s*eq:\s*\$(\w+)\s*\}/.exec(query)?.[1];
      if (!eq || typeof variables[eq] !== 'string') return error('Argument Validation Error: filter.email');
      const email = String(variables[eq]).toLowerCase();
      const nodes = this.users
        .filter((u) => u.email.toLowerCase() === email)
        .map((u) => ({ id: u.id, name: u.name, active: u.active ?? true }));
      return { status: 200, body: { data: { users: { nodes } } } };
    }
    if (query.includes('issues(filter')) {
      const marker = String(variables.marker ?? '');
      const nodes = this.issues.filter((i) => marker !== '' && i.description.includes(marker)).map(this.node);
      return { status: 200, body: { data: { issues: { nodes } } } };
    }
    if (query.includes('workflowStates(')) {
      if (variables.teamId !== this.o.teamId) return { status: 200, body: { data: { workflowStates: { nodes: [] } } } };
      return { status: 200, body: { data: { workflowStates: { nodes: [{ id: DONE_STATE }] } } } };
    }
    if (query.includes('issueUpdate(')) {
      const issue = this.issues.find((i) => i.id === variables.id);
      if (!issue || variables.stateId !== DONE_STATE)
        return { status: 200, body: { data: null, errors: [{ message: 'Entity not found' }] } };
      issue.state = 'completed';
      return { status: 200, body: { data: { issueUpdate: { success: true } } } };
    }
    if (query.includes('issue(id')) {
      const issue = this.issues.find((i) => i.id === variables.id);
      if (!issue) return { status: 200, body: { data: null, errors: [{ message: 'Entity not found: Issue' }] } };
      return { status: 200, body: { data: { issue: { state: { type: issue.state } } } } };
    }
    return error('Unknown operation');
  }

  private node = (i: LinearIssue) => ({ id: i.id, identifier: i.identifier, url: i.url });
}
