import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { parseEnvironment } from '../../../src/config/env';

const root = path.resolve(__dirname, '..', '..', '..');
const file = path.join(root, 'deploy', 'compose.replicas.yml');
const compose = YAML.parse(fs.readFileSync(file, 'utf8'));

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const services = compose.services as Record<string, Service>;
const commanders = Object.entries(services).filter(([, s]) => s.build);

/** A Compose value with its ${VAR…} references filled in, as `docker compose` would from the shell. */
const filled = (value: string, env: Record<string, string>) =>
  value.replace(/\$\{(\w+)(?::[?-][^}]*)?\}/g, (_m, name: string) => env[name] ?? '');

describe('deploy/compose.replicas.yml (docs/postgresql.md → Running more than one replica)', () => {
  it('is linked from docs/postgresql.md, which the README links', () => {
    expect(fs.readFileSync(path.join(root, 'docs', 'postgresql.md'), 'utf8')).toContain(
      '(../deploy/compose.replicas.yml)',
    );
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('(docs/postgresql.md)');
  });

  it('runs PostgreSQL from the official image, with its data on a volume and a health check', () => {
    const postgres = services.postgres!;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('postgres-data');
    expect(postgres.healthcheck?.test.join(' ')).toMatch(/pg_isready -U commander -d commander/);
  });

  it('runs two Commanders built from the repository Dockerfile, started once PostgreSQL is healthy', () => {
    expect(commanders).toHaveLength(2);
    for (const [, service] of commanders) {
      expect(fs.existsSync(path.join(path.dirname(file), service.build!.context, service.build!.dockerfile))).toBe(
        true,
      );
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    }
  });

  it("gives both Commanders an environment Commander accepts, pointing at the postgres service's database", () => {
    const postgres = services.postgres!.environment!;
    const shell = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc', POSTGRES_PASSWORD: 's3cret' };
    for (const [, service] of commanders) {
      const env = Object.fromEntries(
        Object.entries(service.environment!).map(([name, value]) => [name, filled(String(value), shell)]),
      );
      const parsed = parseEnvironment(env);
      const url = new URL(parsed.DATABASE_URL!);
      expect({ host: url.host, user: url.username, password: url.password, database: url.pathname }).toEqual({
        host: 'postgres:5432',
        user: filled(postgres.POSTGRES_USER!, shell),
        password: filled(postgres.POSTGRES_PASSWORD!, shell),
        database: `/${filled(postgres.POSTGRES_DB!, shell)}`,
      });
      expect(parsed.SLACK_APP_TOKEN).toBe(shell.SLACK_APP_TOKEN);
    }
  });
});
