import { type FakeAnswer, type FakeRequest, HttpFake, isJson } from './http-fake';

export interface GitHubIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  html_url: string;
}

/**
 * GitHub's REST issues API on 127.0.0.1, checking what GitHub checks: the bearer token, the
 * Accept and API version headers, a JSON body with a title and labels as strings.
 */
export class FakeGitHub {
  readonly issues: GitHubIssue[] = [];
  private constructor(
    readonly http: HttpFake,
    readonly repo: string,
    readonly token: string,
  ) {}

  static async start(repo: string, token: string): Promise<FakeGitHub> {
    let gh!: FakeGitHub;
    const http = await HttpFake.start(
      (req) => gh.route(req),
      () => ({ status: 401, body: { message: 'Bad credentials' } }),
    );
    gh = new FakeGitHub(http, repo, token);
    return gh;
  }

  get url(): string {
    return this.http.url;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Closed on GitHub, by someone there. */
  close(number: number): void {
    const issue = this.issues.find((i) => i.number === number);
    if (issue) issue.state = 'closed';
  }

  private route(req: FakeRequest): FakeAnswer {
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return { status: 401, body: { message: 'Bad credentials' } };
    if (req.headers.accept !== 'application/vnd.github+json' || req.headers['x-github-api-version'] !== '2022-11-28')
      return { status: 400, body: { message: 'Unsupported Accept or API version header' } };
    const base = `/repos/${this.repo}/issues`;
    const path = req.url.pathname;
    if (req.method === 'GET' && path === '/search/issues') {
      const q = req.url.searchParams.get('q') ?? '';
      const phrase = /"([^"]+)"/.exec(q)?.[1];
      if (!q.includes(`repo:${this.repo}`) || !phrase) return { status: 422, body: { message: 'Validation Failed' } };
      const items = this.issues.filter((i) => i.body.includes(phrase));
      return { status: 200, body: { total_count: items.length, incomplete_results: false, items } };
    }
    if (req.method === 'GET' && path === base) return { status: 200, body: [...this.issues].reverse() };
    if (req.method === 'POST' && path === base) {
      const body = req.json as Partial<GitHubIssue> | undefined;
      if (!isJson(req) || !body) return { status: 400, body: { message: 'Problems parsing JSON' } };
      if (typeof body.title !== 'string' || body.title === '')
        return {
          status: 422,
          body: { message: 'Validation Failed', errors: [{ field: 'title', code: 'missing_field' }] },
        };
      if (body.labels !== undefined && !(Array.isArray(body.labels) && body.labels.every((l) => typeof l === 'string')))
        return { status: 422, body: { message: 'Validation Failed' } };
      const number = this.issues.length + 1;
      const issue: GitHubIssue = {
        number,
        title: body.title,
        body: body.body ?? '',
        labels: body.labels ?? [],
        state: 'open',
        html_url: `https://github.example/${this.repo}/issues/${number}`,
      };
      this.issues.push(issue);
      return { status: 201, body: issue };
    }
    const one = new RegExp(`^${base}/(\\d+)$`).exec(path);
    const issue = one ? this.issues.find((i) => i.number === Number(one[1])) : undefined;
    if (!one || !issue) return { status: 404, body: { message: 'Not Found' } };
    if (req.method === 'GET') return { status: 200, body: issue };
    if (req.method === 'PATCH') {
      const state = (req.json as { state?: string } | undefined)?.state;
      if (!isJson(req) || (state !== 'open' && state !== 'closed'))
        return { status: 422, body: { message: 'Validation Failed' } };
      issue.state = state;
      return { status: 200, body: issue };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}
