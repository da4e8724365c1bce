import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

describe('npm run demo', () => {
  let stdout = '';
  let stderr = '';
  let out = '';
  let seconds = 0;

  beforeAll(async () => {
    out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'commander-demo-test-')), 'postmortem.md');
    const started = Date.now();
    // No tokens and no proxy: the demo must need nothing from outside 127.0.0.1.
    const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir() };
    ({ stdout, stderr } = await run(process.execPath, ['-r', './scripts/register-ts.js', 'demo/run.ts', '--out', out], {
      cwd: root,
      env,
      timeout: 60_000,
    }));
    seconds = (Date.now() - started) / 1000;
  }, 70_000);

  afterAll(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

  it('plays the whole incident in well under a minute, without errors', () => {
    expect(stderr).toBe('');
    expect(stdout).not.toContain('Slack refused');
    expect(seconds).toBeLessThan(30);
  });

  it('shows the declaration: the form, the new channel and the announcement', () => {
    expect(stdout).toContain('@alice in #general: /incident declare Card payments failing');
    expect(stdout).toContain('«Declare an incident»');
    expect(stdout).toContain('Commander created #inc-1-card-payments-failing');
    expect(stdout).toContain('#incidents › Commander:');
    expect(stdout).toMatch(/Commander edited the pinned kick-off: Status: 🎯 Identified/);
  });

  it('shows the reminder DM to the commander, the second one and the escalation to the manager', () => {
    expect(stdout).toMatch(/DM to @bob › Commander:\n\s+⏰ A status update is due for #1/);
    expect(stdout).toContain('A status update is due (reminder 2)');
    expect(stdout).toContain('🚨 Escalated to @dana');
    expect(stdout).toMatch(/DM to @dana › Commander:\n\s+🚨 You are being called in/);
  });

  it('shows the timeline shortcut, the follow-up, the role, the resolve and the postmortem upload', () => {
    expect(stdout).toContain('✅ Added to the timeline of #1.');
    expect(stdout).toContain('Follow-up added to #1 with @carol as owner');
    expect(stdout).toContain('DM to @alice › Commander:');
    expect(stdout).toMatch(/✅ Resolved after \d+m/);
    expect(stdout).toContain('📎 postmortem-1.md');
  });

  it('shows the key-times form in the commander’s zone, and a follow-up nudge a day later', () => {
    expect(stdout).toMatch(
      /«Key times #1»\n\s+Key times of #1 Card payments failing, in your time zone \(Europe\/London\)/,
    );
    expect(stdout).toContain('🕑 Corrected on the timeline of #1: Impact started.');
    expect(stdout).toMatch(/DM to @carol › Commander:\n\s+📌 Your follow-up from #1 Card payments failing was due/);
    expect(stdout).toContain('[Done] [Snooze a week]');
    expect(stdout).toContain('[Mark report written]');
  });

  it('renders Block Kit as plain text: no raw mentions, dates or escapes left', () => {
    expect(stdout).not.toMatch(/<@U|<#C|<!date|&lt;|&gt;|&amp;/);
  });

  it('writes the postmortem Markdown to the file it names', () => {
    expect(stdout).toContain(`Postmortem written to ${out}`);
    const markdown = fs.readFileSync(out, 'utf8');
    expect(markdown).toContain('# Postmortem: #1 Card payments failing');
    expect(markdown).toContain('Escalated to @dana');
    expect(markdown).toContain('Rollback to 4.1 finished');
    expect(markdown).toContain('| Add a 3-D Secure card to the checkout smoke test | @carol |');
  });
});
