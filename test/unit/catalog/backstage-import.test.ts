import YAML from 'yaml';
import { type Descriptor, ImportError, importBackstage } from '../../../src/catalog/backstage-import';
import { servicesYaml } from '../../../src/catalog/catalog-yaml';
import { parseCatalog } from '../../../src/config/policy';

const component = (name: string, extra: { metadata?: object; spec?: object } = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, ...extra.metadata },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments-team', ...extra.spec },
});
const system = (name: string, extra: object = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, ...extra },
  spec: { owner: 'payments-team' },
});
const from = (...entities: unknown[]): Descriptor[] =>
  entities.map((entity, i) => ({ source: `catalog-info.yaml, document ${i + 1}`, entity }));

/** What `check` would say of the output: the catalog as the policy reads it back. */
const readBack = (yaml: string) => parseCatalog(YAML.parse(yaml).services, 'imported', null);

describe('importing Backstage descriptors', () => {
  it('maps a component: title as name, description, the TechDocs URL as runbook, a dashboard link', () => {
    const { services } = importBackstage(
      from(
        component('payments-api', {
          metadata: {
            title: 'Payments API',
            description: 'Card payments and refunds',
            annotations: {
              'backstage.io/techdocs-ref': 'url:https://github.com/acme/payments/tree/main/docs',
              'pagerduty.com/service-id': 'PABC123',
            },
            links: [
              { url: 'https://status.example.com', title: 'Status' },
              { url: 'https://grafana.example.com/d/payments', title: 'Grafana dashboard' },
            ],
          },
        }),
      ),
    );
    expect(services.map((s) => s.entry)).toEqual([
      {
        id: 'payments-api',
        name: 'Payments API',
        description: 'Card payments and refunds',
        runbook: 'https://github.com/acme/payments/tree/main/docs',
        dashboard: 'https://grafana.example.com/d/payments',
      },
    ]);
  });

  it('prefers a link titled as a runbook to the TechDocs ref, and takes no runbook from a dir: ref', () => {
    const { services, notes } = importBackstage(
      from(
        component('a', { metadata: { links: [{ url: 'https://wiki.example.com/rb/a', title: 'On-call runbook' }] } }),
        component('b', { metadata: { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } } }),
      ),
    );
    expect(services.map((s) => s.entry.runbook)).toEqual(['https://wiki.example.com/rb/a', undefined]);
    expect(notes).toContain(
      'component:default/b: backstage.io/techdocs-ref "dir:." is not a URL: no runbook taken from it',
    );
  });

  it('leaves owners out and names the Backstage owner in a comment instead of inventing a Slack id', () => {
    const { services, notes } = importBackstage(from(component('a'), component('b', { spec: { owner: 'user:jane' } })));
    expect(services.every((s) => !('owners' in s.entry) && !('users' in s.entry))).toBe(true);
    expect(services.map((s) => s.comment)).toEqual([
      'From component:default/a, owned by group:default/payments-team in Backstage: set owners: to its Slack user group ID (S…)',
      'From component:default/b, owned by user:default/jane in Backstage: set users: to their Slack user ID (U…)',
    ]);
    expect(notes.some((n) => n.startsWith('owners left out'))).toBe(true);
  });

  it('keeps dependencies on imported components as ids, and says which others it dropped', () => {
    const { services, notes } = importBackstage(
      from(
        component('payments-api', {
          spec: {
            dependsOn: [
              'component:default/database',
              'Component:Database',
              'resource:payments-bucket',
              'component:ledger',
            ],
          },
        }),
        component('database'),
      ),
    );
    expect(services[0]?.entry.dependsOn).toEqual(['database']);
    expect(notes).toEqual(
      expect.arrayContaining([
        'component:default/payments-api: dependsOn resource:payments-bucket dropped: a resource is not a service',
        'component:default/payments-api: dependsOn component:ledger dropped: no such component in these files',
      ]),
    );
  });

  it('resolves a ref without a namespace in the namespace of the entity it is written in', () => {
    const { services } = importBackstage(
      from(
        component('api', { metadata: { namespace: 'shop' }, spec: { dependsOn: ['component:db'] } }),
        component('db', { metadata: { namespace: 'shop' } }),
      ),
    );
    expect(services[0]?.entry.dependsOn).toEqual(['db']);
  });

  it('makes a System a service that depends on its components', () => {
    const { services } = importBackstage(
      from(
        system('payments', { title: 'Payments' }),
        component('payments-api', { spec: { system: 'payments' } }),
        component('other'),
      ),
    );
    expect(services.map((s) => s.entry)).toEqual([
      { id: 'payments', name: 'Payments', dependsOn: ['payments-api'] },
      { id: 'payments-api', name: 'payments-api' },
      { id: 'other', name: 'other' },
    ]);
  });

  it('skips a System whose id a component already has, libraries, and other kinds, saying so', () => {
    const { services, notes } = importBackstage(
      from(
        component('payments'),
        system('payments'),
        component('money-utils', { spec: { type: 'library' } }),
        { kind: 'Resource', metadata: { name: 'payments-db' }, spec: { type: 'database' } },
        { kind: 'Group', metadata: { name: 'payments-team' }, spec: { type: 'team' } },
      ),
    );
    expect(services.map((s) => s.entry.id)).toEqual(['payments']);
    expect(notes).toEqual(
      expect.arrayContaining([
        'system:default/payments: skipped: its id "payments" is a component\'s',
        'component:default/money-utils: skipped: a library is not something an incident can hurt',
        'skipped, not a Component or System: resource:default/payments-db, group:default/payments-team',
      ]),
    );
  });

  it('turns Backstage names into service ids and fits long titles and descriptions', () => {
    const { services } = importBackstage(
      from(component('Payments_API.v2', { metadata: { title: 'T'.repeat(80), description: 'D'.repeat(400) } })),
    );
    const [entry] = services.map((s) => s.entry);
    expect(entry?.id).toBe('payments-api-v2');
    expect(entry?.name).toHaveLength(60);
    expect(entry?.description).toHaveLength(300);
  });

  it('drops the dependency that closes a cycle, which Backstage allows and the catalog does not', () => {
    const { services, notes } = importBackstage(
      from(
        component('a', { spec: { dependsOn: ['component:b'] } }),
        component('b', { spec: { dependsOn: ['component:a'] } }),
      ),
    );
    expect(services.map((s) => s.entry.dependsOn)).toEqual([['b'], undefined]);
    expect(notes).toContain('b: dependsOn a dropped: it closes a cycle (a → b → a)');
  });

  it.each([
    ['no kind', { metadata: { name: 'x' } }, 'catalog-info.yaml, document 1: kind: is required'],
    ['no name', { kind: 'Component', metadata: {} }, 'catalog-info.yaml, document 1: metadata.name: is required'],
    [
      'dependsOn not a list',
      component('x', { spec: { dependsOn: 'component:y' } }),
      'catalog-info.yaml, document 1: spec.dependsOn: ',
    ],
  ])('refuses a descriptor with %s in one line naming the key', (_what, entity, message) => {
    expect(() => importBackstage(from(entity))).toThrow(ImportError);
    expect(() => importBackstage(from(entity))).toThrow(message);
  });

  it('refuses two components that would be the same service', () => {
    expect(() =>
      importBackstage(from(component('payments'), component('Payments', { metadata: { namespace: 'shop' } }))),
    ).toThrow('would both be the service "payments"');
  });

  it('writes YAML the policy reads back, quotes and colons in titles included', () => {
    const { services } = importBackstage(
      from(
        component('payments-api', {
          metadata: { title: 'Payments: "cards" & refunds #1', description: 'Line one\nline: two' },
          spec: { dependsOn: ['component:database'] },
        }),
        component('database'),
      ),
    );
    const yaml = servicesYaml(services, 'Imported from Backstage');
    expect(yaml).toContain('# From component:default/payments-api, owned by group:default/payments-team');
    expect(readBack(yaml).map((s) => [s.id, s.name, s.description, s.dependsOn])).toEqual([
      ['payments-api', 'Payments: "cards" & refunds #1', 'Line one\nline: two', ['database']],
      ['database', 'database', '', []],
    ]);
  });
});
