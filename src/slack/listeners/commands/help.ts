import type { Subcommand } from './subcommand';

/** The help text is built from the registered subcommands, so it cannot drift from them. */
export function helpText(subcommands: readonly Subcommand[], intro?: string): string {
  const lines = subcommands.map((s) => `• \`${s.usage}\` — ${s.summary}${s.inIncidentChannel ? ' (in an incident channel)' : ''}`);
  return [intro ?? '*Commander* runs incidents from Slack. Commands:', ...lines].join('\n');
}

export function createHelp(all: () => readonly Subcommand[]): Subcommand {
  return {
    name: 'help',
    usage: '/incident help',
    summary: 'Show this list',
    inIncidentChannel: false,
    handle: () => ({ reply: helpText(all()) }),
  };
}
