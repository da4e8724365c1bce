import { parseArgs } from 'node:util';
import { CliError } from './output';

const IMPORT_LINE = 'Usage: npm run catalog -- import FILE…   (Backstage catalog-info.yaml files → the services: YAML)';
export const USAGE = [
  IMPORT_LINE,
  '       npm run catalog -- check [FILE|-] [--policy POLICY]',
  '         (checks a policy file, or a catalog file alone, by the rules start-up applies; FILE defaults to',
  '         COMMANDER_CONFIG, - reads stdin; with --policy, oncall: names are checked against its rotations)',
].join('\n');

export type CatalogCommand =
  | { name: 'import'; files: string[] }
  | { name: 'check'; file: string | undefined; policy: string | undefined }
  | 'help';

/** The catalog command line; a mistake is a CliError whose message is one line ending in the usage. */
export function parseCatalogArgs(argv: string[]): CatalogCommand {
  let values: { help?: boolean; policy?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, policy: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--format'"; the usage line says what is known.
    throw new CliError(`${(error as Error).message.split('. ')[0]}. ${IMPORT_LINE}`);
  }
  if (values.help) return 'help';
  const [name, ...rest] = positionals;
  if (name === 'import') {
    if (values.policy !== undefined) throw new CliError(`import takes no --policy. ${IMPORT_LINE}`);
    if (rest.length === 0) throw new CliError(`import needs at least one catalog-info.yaml. ${IMPORT_LINE}`);
    return { name: 'import', files: rest };
  }
  if (name === 'check') {
    if (rest.length > 1)
      throw new CliError('check takes one file. Usage: npm run catalog -- check [FILE|-] [--policy POLICY]');
    return { name: 'check', file: rest[0], policy: values.policy };
  }
  const which = 'use import or check (npm run catalog -- --help)';
  throw new CliError(name === undefined ? `Give a command: ${which}.` : `Unknown command "${name}": ${which}.`);
}
