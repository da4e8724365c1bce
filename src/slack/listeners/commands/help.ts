import { escapeMrkdwn } from '../../blocks/text';
import type { Subcommand } from './subcommand';

/**
 * The help text is built from the registered subcommands, so it cannot drift from them. Usages
 * like `<text>` are escaped: Slack reads angle brackets as links or mentions even in code.
 */
export function helpText(subcommands: readonly Subcommand[], intro?: string): string {
  const lines = subcommands.map(
    (s) => `• \`${escapeMrkdwn(s.usage)}\` — ${s.summary}${s.inIncidentChannel ? ' (in an incident channel)' : ''}`,
  );
  return [intro ?? '*Commander* runs incidents from Slack. Commands:', ...lines].join('\n');
}

export function createHelp(all: () => readonly Subcommand[]): Subcommand {
  // The subcommands never change once registered, so the text is built once.
  let text: string | undefined;
  return {
    name: 'help',
    usage: '/incident help',
    summary: 'Show this list',
    inIncidentChannel: false,
    handle: () => {
      text ??= helpText(all());
      return { reply: text };
    },
  };
}
