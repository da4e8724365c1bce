import { z } from 'zod';

export const USAGE = 'Usage: npm run export -- <incident number> [--format md|json] [--out FILE]';

const Args = z.object({
  incident: z.coerce
    .number({ error: 'needs an incident number' })
    .int()
    .positive('needs an incident number such as 12'),
  format: z.enum(['md', 'json'], { error: '--format is md or json' }).default('md'),
  out: z.string().min(1).optional(),
});

export type ExportArgs = z.infer<typeof Args>;

/** Parses the export command line; throws an Error whose message is fit to print. */
export function parseExportArgs(argv: string[]): ExportArgs | 'help' {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--format' || arg === '--out') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value. ${USAGE}`);
      raw[arg.slice(2)] = value;
    } else if (arg.startsWith('--format=') || arg.startsWith('--out=')) {
      const [key, ...rest] = arg.slice(2).split('=');
      raw[key as string] = rest.join('=');
    } else if (arg.startsWith('-')) {
      throw new Error(`Unknown option ${arg}. ${USAGE}`);
    } else if (raw.incident === undefined) {
      raw.incident = arg.replace(/^#/, '');
    } else {
      throw new Error(`Unexpected argument ${arg}. ${USAGE}`);
    }
  }
  const result = Args.safeParse(raw);
  if (!result.success) throw new Error(`${result.error.issues[0]?.message ?? 'invalid arguments'}. ${USAGE}`);
  return result.data;
}
