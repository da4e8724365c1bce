import type { Followup } from '../../timeline/timeline.types';
import { ACTION } from './ids';
import { safeMrkdwn } from './text';

const TRACKER_NAMES: Record<string, string> = { github: 'GitHub', jira: 'Jira', linear: 'Linear' };
export const trackerName = (id: string) => TRACKER_NAMES[id] ?? id;

/** The follow-up's issue as a link (`<url|#12>`), with ✓ once it is closed. */
export const issueLink = (f: Followup): string =>
  f.issue ? `<${f.issue.url}|${safeMrkdwn(f.issue.key, 40)}>${f.issue.closed ? ' (closed)' : ''}` : '';

/** The Create issue button for a follow-up without one. */
export const createIssueButton = (followupId: number, tracker: string) => ({
  type: 'button' as const,
  action_id: ACTION.followupCreateIssue,
  text: { type: 'plain_text' as const, text: `Create ${trackerName(tracker)} issue` },
  value: String(followupId),
});

/** A tracker's refusal, said once in the channel with its reason. */
export function trackerRefusal(followup: Followup, refusal: { tracker: string; status: number; reason: string }) {
  const name = trackerName(refusal.tracker);
  const text = `⚠️ ${name} refused the issue for the follow-up "${safeMrkdwn(followup.text, 200)}" (HTTP ${refusal.status}: ${safeMrkdwn(refusal.reason, 300)}). Fix the tracker settings, then press Create issue in \`/incident followups\` to try again.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** A link Slack shows as given: the characters that would end it percent-encoded. */
export const safeLink = (url: string, label: string) =>
  `<${url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c))}|${label}>`;
