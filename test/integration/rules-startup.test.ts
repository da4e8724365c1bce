import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appProcessExit } from '../support/app-process';
import { FakeSlack } from '../support/fake-slack';
import { BOT_TOKEN } from '../support/harness';
import { DOCS_RULES_YAML } from '../support/rules-policy';

/**
 * The app as its own process, given a policy with one wrong checklist or rule: it does not start,
 * and says which in one line naming the key path. (Each kind of mistake has its line checked in
 * test/unit/rules/rules-config.test.ts and test/unit/checklists/checklists-config.test.ts; these
 * show that such a line stops the process, once for a rule and once for a checklist: each start costs seconds.)
 */

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start({ token: BOT_TOKEN });
});
afterAll(async () => fake.stop());

const CHECKLIST = `
checklists:
  lists:
    - id: payments-sev1
      title: Payments SEV1
      when: { severity: SEV1, service: payments }
      items:
        - { text: Tell Customer Success, role: comms, required: true }
`;

describe('a wrong checklist or rule stops start-up', () => {
  it.each([
    [
      'an unknown trigger',
      ['on: severity_changed', 'on: severity_change'],
      'rules.0.on: "severity_change" is not a trigger',
    ],
    [
      'a checklist role',
      ['role: comms, required', 'role: lawyer, required'],
      'checklists.lists.0.items.0.role: names no role ("lawyer"',
    ],
  ])(
    '%s',
    async (_what, [from, to], said) => {
      const yaml = `${DOCS_RULES_YAML}${CHECKLIST}`;
      expect(yaml).toContain(from);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commander-bad-policy-'));
      const file = path.join(dir, 'commander.yml');
      fs.writeFileSync(file, yaml.replace(from!, to!));
      const exit = await appProcessExit({ fake, env: { COMMANDER_CONFIG: file } });
      expect(exit.code).toBe(1);
      const lines = exit.stderr.trim().split('\n');
      expect(lines).toEqual([expect.stringContaining(`Commander cannot start: ${file}: ${said}`)]);
    },
    60_000,
  );
});
