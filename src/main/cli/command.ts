// What a CLI command is: its options, its usage line, and what it does with the services.
import type { ParseArgsConfig } from 'node:util';
import type { Services } from '../services';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  services: Services;
  positionals: string[];
  values: Values;
  json: boolean;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Human text for stderr (prompts, progress); never used for --json output. */
  note(text: string): void;
}

export interface CommandResult {
  json: unknown;
  text: string;
  exitCode?: number;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Options;
  run(context: CommandContext): Promise<CommandResult>;
}
