import YAML from 'yaml';
import { docsBlock } from './docs-example';

/** The user group the example's rule invites. */
export const LEADS = 'S0PAYLEADS';

/** docs/rules.md's whole configuration for cds-snc/sre-bot #1198, as a reader copies it. */
export const DOCS_RULES_YAML = docsBlock('docs/rules.md', 'The whole configuration', 'yaml');

const example = YAML.parse(DOCS_RULES_YAML) as { services: unknown[]; rules: unknown[] };

/** The docs' example, and a timed rule. */
export const RULES_POLICY = {
  ...example,
  services: [...example.services, { id: 'search', name: 'Search' }],
  rules: [
    ...example.rules,
    {
      name: 'silent SEV2',
      on: { no_update_for: '20m' },
      if: { severity: 'SEV2' },
      do: [{ post: 'No update on {{title}} for 20 minutes, {{commander}}' }],
    },
  ],
};
