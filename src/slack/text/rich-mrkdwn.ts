import type { RichText, Segment } from '../../text/rich-text';
import { escapeMrkdwn } from '../blocks/text';

/** One segment as Slack mrkdwn: text escaped (nothing in it can mention or link), data as Slack's markup. */
function segmentMrkdwn(segment: Segment): string {
  if (typeof segment === 'string') return escapeMrkdwn(segment);
  if ('user' in segment) return `<@${segment.user}>`;
  if ('channel' in segment) return `<#${segment.channel}>`;
  if ('usergroup' in segment) return `<!subteam^${segment.usergroup}>`;
  const link = escapeMrkdwn(segment.link).replace(/\|/g, '%7C');
  return segment.label ? `<${link}|${escapeMrkdwn(segment.label)}>` : `<${link}>`;
}

/** Rich text (a filled rule template, say) as Slack mrkdwn: the domain's data, Slack's markup made here. */
export function richMrkdwn(text: RichText): string {
  return text.map(segmentMrkdwn).join('');
}
