import type { Incident } from '../../incidents/incident.types';
import { readableText, type RichText } from '../../text/rich-text';
import { richMrkdwn } from '../text/rich-mrkdwn';
import { incidentRefPlain } from './incident-format';
import { context, section, type SlackMessage } from './kit';
import { LIMITS, notificationText, safeMrkdwn, truncate } from './text';

const NO_NAMES = { person: () => undefined };

/** A rule's `post` or `dm`: its filled-in template, the rule named below it. */
export function ruleMessage(incident: Incident, rule: string, text: RichText): SlackMessage {
  return {
    text: notificationText(`${incidentRefPlain(incident)}: ${readableText(text, NO_NAMES)}`),
    blocks: [
      section(truncate(richMrkdwn(text), LIMITS.sectionText)),
      context(`Rule ${safeMrkdwn(rule, 100)} · ${safeMrkdwn(incidentRefPlain(incident), 200)}`),
    ],
  };
}

/** Said once in the channel when one of a rule's actions gave up. */
export function ruleGaveUpMessage(rule: string, what: string): SlackMessage {
  const said = `Rule ${rule} could not ${what} and gave up; the timeline has the reason.`;
  return { text: notificationText(said), blocks: [section(`⚠️ ${safeMrkdwn(said, LIMITS.sectionText)}`)] };
}
