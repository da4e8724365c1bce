import fs from 'node:fs';
import YAML from 'yaml';
import { type Descriptor, ImportError, importBackstage } from '../catalog/backstage-import';
import { servicesYaml } from '../catalog/catalog-yaml';
import { withDotEnv } from '../config/env';
import { catalogServices, loadPolicy, parseCatalog, parseFile } from '../config/policy';
import { describeFsError } from '../store/storage-errors';
import { USAGE, parseCatalogArgs } from './catalog-args';
import { CliError } from './output';

const STDIN = '-';

function read(file: string): string {
  try {
    return fs.readFileSync(file === STDIN ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file === STDIN ? 'stdin' : file}: ${describeFsError(error)}.`);
  }
}

/** Every document of every file, named "file" or "file, document N" when a file holds several. */
function descriptorsIn(files: string[]): Descriptor[] {
  return files.flatMap((file) => {
    const documents = YAML.parseAllDocuments(read(file));
    const list = Array.isArray(documents) ? documents : [];
    return list.flatMap((doc, i): Descriptor[] => {
      const source = list.length > 1 ? `${file}, document ${i + 1}` : file;
      const error = doc.errors[0];
      if (error) throw new CliError(`${source}: not valid YAML (${error.message.split('\n')[0]})`);
      const entity: unknown = doc.toJS();
      return entity === null || entity === undefined ? [] : [{ source, entity }];
    });
  });
}

function importFiles(files: string[]): void {
  let imported: ReturnType<typeof importBackstage>;
  try {
    imported = importBackstage(descriptorsIn(files));
  } catch (error) {
    throw error instanceof ImportError ? new CliError(error.message) : error;
  }
  if (imported.services.length === 0) throw new CliError(`No Component or System in ${files.join(', ')}.`);
  for (const note of imported.notes) console.error(`catalog: ${note}`);
  const header = `Imported from Backstage (${files.join(', ')}) by npm run catalog -- import.`;
  process.stdout.write(servicesYaml(imported.services, header));
}

/** A catalog file holds the list alone or a `services:` key alone; any other key makes it a policy. */
function isCatalogAlone(data: unknown): boolean {
  if (Array.isArray(data)) return true;
  return !!data && typeof data === 'object' && Object.keys(data).join() === 'services';
}

const count = (n: number) => `${n} service${n === 1 ? '' : 's'}`;

/** The rules start-up applies: a policy as COMMANDER_CONFIG, a catalog file as a catalogFile: of --policy. */
function check(file: string | undefined, policyFile: string | undefined): void {
  const env = withDotEnv(process.env);
  const target = file ?? (env.COMMANDER_CONFIG || undefined);
  if (!target) throw new CliError('Give the file to check, or set COMMANDER_CONFIG. See npm run catalog -- --help.');
  const name = target === STDIN ? 'stdin' : target;
  const text = read(target);
  if (!isCatalogAlone(parseFile(name, text))) {
    if (policyFile) throw new CliError(`${name} is a policy file, not a catalog: check it without --policy.`);
    if (target === STDIN)
      throw new CliError('A policy file is checked by its path (its catalogFile: is relative to it), not on stdin.');
    console.log(`${name}: valid; ${count(loadPolicy(target, env).services.length)} in its catalog.`);
    return;
  }
  const services = catalogServices(name, text, env);
  if (policyFile) {
    const policy = loadPolicy(policyFile, env, { services, source: name });
    console.log(`${name}: ${count(policy.services.length)}, valid with ${policyFile}.`);
    return;
  }
  const checked = parseCatalog(services, name, null);
  console.log(`${name}: ${count(checked.length)}, valid.`);
  const rotations = [...new Set(checked.flatMap((s) => (s.oncall ? [s.oncall] : [])))];
  if (rotations.length > 0)
    console.error(
      `catalog: oncall: not checked (${rotations.join(', ')}): no policy names the rotations; add --policy POLICY to check them.`,
    );
}

/**
 * `npm run catalog -- import FILE… | check [FILE]`: the service catalog without starting Commander.
 * Needs no Slack tokens and no database.
 */
function main(argv: string[]): void {
  const command = parseCatalogArgs(argv);
  if (command === 'help') console.log(USAGE);
  else if (command.name === 'import') importFiles(command.files);
  else check(command.file, command.policy);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`catalog: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
