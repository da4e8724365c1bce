import { type FakeAnswer, type FakeRequest, HttpFake, isDay, isJson } from './http-fake';

export interface JiraIssue {
  key: string;
  summary: string;
  issuetype: string;
  description: { type: string; version: number; content: unknown[] };
  labels: string[];
  duedate?: string;
  /** The assignee's accountId, when the issue was made assigned. */
  assignee?: string;
  done: boolean;
}

/** A person in the Jira site; `hidden`: their profile does not show the e-mail address. */
export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  active?: boolean;
  hidden?: boolean;
  /** May be assigned issues in the project (the Assignable User permission); true unless said. */
  assignable?: boolean;
}

/**
 * Jira Cloud's REST API v3 on 127.0.0.1, checking what Jira checks: Basic auth of the e-mail and
 * API token, JSON bodies, the project key, a summary, an issue type and a description in Atlassian
 * Document Format, a duedate as YYYY-MM-DD, an assignee by the accountId of a person who may be
 * assigned; search by JQL (labels), user search by e-mail or name, transitions to done.
 */
export class FakeJira {
  readonly issues: JiraIssue[] = [];
  readonly users: JiraUser[] = [];
  private constructor(
    readonly http: HttpFake,
    private readonly o: { project: string; email: string; token: string },
  ) {}

  static async start(o: { project: string; email: string; token: string }): Promise<FakeJira> {
    let jira!: FakeJira;
    const http = await HttpFake.start(
      (req) => jira.route(req),
      () => ({ status: 401, body: { errorMessages: ['Client must be authenticated to access this resource.'] } }),
    );
    jira = new FakeJira(http, o);
    return jira;
  }

  get url(): string {
    return this.http.url;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Moved to Done in Jira, by someone there. */
  close(key: string): void {
    const issue = this.issues.find((i) => i.key === key);
    if (issue) issue.done = true;
  }

  private route(req: FakeRequest): FakeAnswer {
    const basic = `Basic ${Buffer.from(`${this.o.email}:${this.o.token}`).toString('base64')}`;
    if (req.headers.authorization !== basic)
      return { status: 401, body: { errorMessages: ['Client must be authenticated to access this resource.'] } };
    const path = req.url.pathname;
    if (req.method === 'POST' && !isJson(req))
      return { status: 415, body: { errorMessages: ['Unsupported Media Type'] } };
    if (req.method === 'POST' && path === '/rest/api/3/issue') return this.create(req.json);
    if (req.method === 'GET' && path === '/rest/api/3/user/search') return this.searchUsers(req.url.searchParams);
    if (req.method === 'POST' && path === '/rest/api/3/search/jql') {
      const jql = (req.json as { jql?: string } | undefined)?.jql ?? '';
      const label = /labels = "([^"]+)"/.exec(jql)?.[1];
      if (!label || !jql.includes(`project = "${this.o.project}"`))
        return { status: 400, body: { errorMessages: ['Error in the JQL Query'] } };
      return { status: 200, body: { issues: this.issues.filter((i) => i.labels.includes(label)).map(this.view) } };
    }
    const one = /^\/rest\/api\/3\/issue\/([A-Z0-9_]+-\d+)(\/transitions)?$/.exec(path);
    const issue = one ? this.issues.find((i) => i.key === one[1]) : undefined;
    if (!one || !issue)
      return {
        status: 404,
        body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
      };
    if (!one[2] && req.method === 'GET') return { status: 200, body: this.view(issue) };
    if (one[2] && req.method === 'GET')
      return {
        status: 200,
        body: {
          transitions: [
            { id: '11', name: 'In Progress', to: { statusCategory: { key: 'indeterminate' } } },
            { id: '31', name: 'Done', to: { statusCategory: { key: 'done' } } },
          ],
        },
      };
    if (one[2] && req.method === 'POST') {
      const id = (req.json as { transition?: { id?: string } } | undefined)?.transition?.id;
      if (id !== '31' && id !== '11') return { status: 400, body: { errorMessages: ['Transition id is not valid'] } };
      issue.done = id === '31';
      return { status: 204 };
    }
    return { status: 405, body: {} };
  }

  private view = (i: JiraIssue) => ({
    key: i.key,
    fields: { status: { statusCategory: { key: i.done ? 'done' : 'new' } } },
  });

  /**
   * GET /rest/api/3/user/search: people whose e-mail address or display name starts with `query`
   * (the address matched even where the profile hides it, and then left out of the answer).
   */
  private searchUsers(params: URLSearchParams): FakeAnswer {
    const query = params.get('query')?.toLowerCase();
    if (!query && !params.get('accountId'))
      return { status: 400, body: { errorMessages: ["One of 'query' or 'accountId' must be specified."] } };
    const found = this.users.filter(
      (u) =>
        u.accountId === params.get('accountId') ||
        (query !== undefined &&
          (u.emailAddress.toLowerCase().startsWith(query) || u.displayName.toLowerCase().startsWith(query))),
    );
    return {
      status: 200,
      body: found.map((u) => ({
        accountId: u.accountId,
        accountType: 'atlassian',
        displayName: u.displayName,
        active: u.active ?? true,
        ...(u.hidden ? {} : { emailAddress: u.emailAddress }),
      })),
    };
  }

  private create(json: unknown): FakeAnswer {
    const f = (json as { fields?: Record<string, any> } | undefined)?.fields;
    const errors: Record<string, string> = {};
    if (f?.project?.key !== this.o.project) errors.project = 'valid project is required';
    if (typeof f?.summary !== 'string' || f.summary === '') errors.summary = 'You must specify a summary of the issue.';
    if (typeof f?.issuetype?.name !== 'string') errors.issuetype = 'valid issue type is required';
    if (f?.description !== undefined && (f.description.type !== 'doc' || f.description.version !== 1))
      errors.description = 'Operation value must be an Atlassian Document.';
    if (f?.duedate !== undefined && !isDay(f.duedate)) errors.duedate = 'Error parsing date string';
    if (f?.assignee !== undefined) {
      const id = f.assignee?.accountId;
      const user = this.users.find((u) => u.accountId === id && u.active !== false);
      if (typeof id !== 'string') errors.assignee = 'Specify the user by accountId';
      else if (!user || user.assignable === false) errors.assignee = `User '${id}' cannot be assigned issues.`;
    }
    if (
      f?.labels !== undefined &&
      !(Array.isArray(f.labels) && f.labels.every((l: unknown) => typeof l === 'string' && !/\s/.test(l)))
    )
      errors.labels = 'Labels cannot contain spaces';
    if (Object.keys(errors).length > 0) return { status: 400, body: { errorMessages: [], errors } };
    const key = `${this.o.project}-${this.issues.length + 1}`;
    this.issues.push({
      key,
      summary: f?.summary,
      issuetype: f?.issuetype.name,
      description: f?.description,
      labels: f?.labels ?? [],
      ...(f?.duedate ? { duedate: f.duedate } : {}),
      ...(f?.assignee ? { assignee: f.assignee.accountId } : {}),
      done: false,
    });
    return {
      status: 201,
      body: { id: String(10000 + this.issues.length), key, self: `${this.url}/rest/api/3/issue/${key}` },
    };
  }
}
