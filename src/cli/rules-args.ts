import { parseArgs } from 'node:util';
import { CHANGE_TRIGGERS, TIMED_TRIGGERS, type TriggerName } from '../rules/rules.config';
import type { Scenario } from '../rules/dry-run';
import { CliError } from './output';

const TEST_LINE =
  'Usage: npm run rules -- test --event EVENT --severity SEV [--from SEV] [--service ID]… [--type TYPE] [--private] [--config FILE]';
export const USAGE = [
  TEST_LINE,
  `  prints, without Slack or a database, the rules that would fire and what each would do, and the checklists that would attach. EVENT: ${[...CHANGE_TRIGGERS, ...TIMED_TRIGGERS].join(', ')}.`,
  '  --from: the severity before a severity_changed. service_added: the first --service is the one added.',
  '  The policy is --config, else COMMANDER_CONFIG.',
].join('\n');

export type RulesCommand = { name: 'test'; scenario: Scenario; config: string | undefined } | 'help';

/** The rules command line; a mistake is a CliError whose message is one line ending in the usage. */
export function parseRulesArgs(argv: string[]): RulesCommand {
  let values: {
    help?: boolean;
    event?: string;
    severity?: string;
    from?: string;
    service?: string[];
    type?: string;
    private?: boolean;
    config?: string;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        event: { type: 'string' },
        severity: { type: 'string' },
        from: { type: 'string' },
        service: { type: 'string', multiple: true },
        type: { type: 'string' },
        private: { type: 'boolean' },
        config: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('. ')[0]}. ${TEST_LINE}`);
  }
  if (values.help) return 'help';
  if (positionals.join(' ') !== 'test') throw new CliError(`The command is test. ${TEST_LINE}`);
  const events: readonly string[] = [...CHANGE_TRIGGERS, ...TIMED_TRIGGERS];
  if (!values.event || !events.includes(values.event))
    throw new CliError(`--event must be one of ${events.join(', ')}. ${TEST_LINE}`);
  if (!values.severity) throw new CliError(`--severity is needed (e.g. SEV1). ${TEST_LINE}`);
  if (values.from !== undefined && values.event !== 'severity_changed')
    throw new CliError(`--from goes with --event severity_changed. ${TEST_LINE}`);
  const services = values.service ?? [];
  if (values.event === 'service_added' && services.length === 0)
    throw new CliError(`service_added needs the --service added. ${TEST_LINE}`);
  return {
    name: 'test',
    config: values.config,
    scenario: {
      event: values.event as TriggerName,
      severity: values.severity,
      ...(values.from !== undefined ? { from: values.from } : {}),
      services,
      ...(values.type ? { type: values.type } : {}),
      ...(values.private ? { isPrivate: true } : {}),
    },
  };
}
