import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SCOPE_FEATURES } from '../../../src/slack/transport/scopes';

const manifest = YAML.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'manifest.yml'), 'utf8'));

describe('the scopes checked at start-up', () => {
  it("are exactly manifest.yml's bot scopes, each with the feature that fails without it", () => {
    expect(Object.keys(SCOPE_FEATURES).sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    for (const feature of Object.values(SCOPE_FEATURES)) expect(feature.length).toBeGreaterThan(20);
  });
});
