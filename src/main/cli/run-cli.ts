// The CLI as a function (argv in, exit code out) so tests can drive it in-process as well as spawned.
import { parseArgs } from 'node:util';
import { createServices, type ServicesConfig } from '../services';
import { stripUrlUserinfo } from '../redact-url';
import { resolveDataDir } from '../store/data-dir';
import type { Command, Options, Values } from './command';
import { commands } from './commands/index';
import { ExitCode, UsageError, exitCodeFor } from './exit-codes';
import { parsePlatformTokens } from '../secrets/env-secret-store';

const globalOptions: Options = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Test seam: replaces parts of the services config (e.g. a keychain stand-in). */
  services?: Partial<ServicesConfig>;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    const { command, positionals, values } = parse(argv);
    if (values.help || !command) {
      io.stdout(helpText(command));
      return command || values.help ? ExitCode.ok : ExitCode.usage;
    }
    // A malformed ICLOUD_SYNC_PLATFORM_TOKENS is bad input for every command (exit 2), before anything runs.
    parsePlatformTokens(io.env);
    const dataDir = resolveDataDir(values['data-dir'] as string | undefined, io.env);
    const services = createServices({ dataDir, env: io.env, ...io.services });
    const json = Boolean(values.json);
    const result = await command.run({
      services,
      positionals,
      values,
      json,
      stdin: io.stdin,
      note: (text) => io.stderr(`${text}\n`),
    });
    io.stdout(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
    return result.exitCode ?? ExitCode.ok;
  } catch (error) {
    const code = exitCodeFor(error);
    // Not only SyncErrors (already stripped) reach here: usage and option errors can quote a URL too.
    const message = stripUrlUserinfo(error instanceof Error ? error.message : String(error));
    const kind = (error as { kind?: string }).kind ?? (code === ExitCode.usage ? 'usage' : 'internal');
    if (wantsJson) io.stdout(`${JSON.stringify({ error: { kind, message } }, null, 2)}\n`);
    io.stderr(`icloud-sync: ${message}\n`);
    return code;
  }
}

function parse(argv: string[]): { command?: Command; positionals: string[]; values: Values } {
  // First pass: find the command name. Every known option is declared so option values are not
  // mistaken for the command.
  const everyOption = Object.assign({}, globalOptions, ...commands.map((c) => c.options)) as Options;
  const first = tryParse(argv, everyOption, false);
  const name = first.positionals[0];
  if (name === undefined) return { positionals: [], values: first.values };
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`Unknown command "${name}". Run \`icloud-sync --help\` for the list.`);
  const second = tryParse(argv, { ...globalOptions, ...command.options }, true);
  return { command, positionals: second.positionals.slice(1), values: second.values };
}

function tryParse(args: string[], options: Options, strict: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function helpText(command?: Command): string {
  if (command) {
    return `Usage: icloud-sync ${command.usage}\n\n${command.summary}\n`;
  }
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'icloud-sync — keep an iCloud calendar and platform calendars in two-way sync (headless).',
    '',
    'Usage: icloud-sync [--data-dir DIR] [--json] COMMAND [ARGS]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --data-dir DIR  data directory (env ICLOUD_SYNC_DATA_DIR; default: the app\'s own)',
    '  --json          print one JSON document on stdout',
    '',
    'Secrets: ICLOUD_SYNC_APP_PASSWORD / ICLOUD_SYNC_PLATFORM_TOKEN, when set, are used instead of the keychain;',
    '         ICLOUD_SYNC_PLATFORM_TOKENS (JSON: location id → token) per location, winning for the ones it names.',
    'Exit codes: 0 done, 2 bad usage or input, 3 credentials rejected, 4 server unreachable or throttled,',
    '            5 a safety guard stopped the cycle, 1 anything else.',
    '',
  ].join('\n');
}
