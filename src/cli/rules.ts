import { withDotEnv } from '../config/env';
import { findSeverity, loadPolicy } from '../config/policy';
import { dryRun, dryRunChecklists, dryRunLines } from '../rules/dry-run';
import { parseRulesArgs, USAGE } from './rules-args';
import { CliError } from './output';

/**
 * `npm run rules -- test --severity SEV1 --service payments --event severity_changed`: which rules
 * would fire and what each would do, and which checklists would attach, decided as the live run
 * decides (src/rules/decide.ts, src/checklists/conditions.ts). Needs no Slack tokens and no database.
 */
function main(argv: string[]): void {
  const command = parseRulesArgs(argv);
  if (command === 'help') {
    console.log(USAGE);
    return;
  }
  const env = withDotEnv(process.env);
  const file = command.config ?? (env.COMMANDER_CONFIG || undefined);
  if (!file) throw new CliError('Give the policy with --config FILE, or set COMMANDER_CONFIG.');
  const policy = loadPolicy(file, env);
  const { scenario } = command;
  const severity = findSeverity(policy, scenario.severity);
  if (!severity) throw new CliError(`${file} has no severity "${scenario.severity}".`);
  const unknown = scenario.services.filter((id) => !policy.services.some((s) => s.id === id));
  if (unknown.length > 0) throw new CliError(`${file} has no service ${unknown.map((s) => `"${s}"`).join(', ')}.`);
  if (scenario.type !== undefined && !policy.types.some((t) => t.id === scenario.type))
    throw new CliError(`${file} has no incident type "${scenario.type}".`);
  const from = scenario.from === undefined ? undefined : findSeverity(policy, scenario.from);
  if (scenario.from !== undefined && !from) throw new CliError(`${file} has no severity "${scenario.from}".`);
  const known = { ...scenario, severity: severity.id, ...(from ? { from: from.id } : {}) };
  for (const line of dryRunLines(known, dryRun(policy, known), dryRunChecklists(policy, known))) console.log(line);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`rules: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
