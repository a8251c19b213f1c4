// Destructive commands ask first (cli.md): at a terminal a yes/no question naming what will happen;
// without a terminal they need --yes, else they exit 2 and change nothing.
import { createInterface } from 'node:readline/promises';
import { UsageError } from './exit-codes';

export async function confirmOrRefuse(options: {
  yes: boolean;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The question, naming who, when and what follows ("Cancel … for …? The customer's booking is cancelled."). */
  question: string;
  /** The command to repeat with --yes, for the refusal message. */
  command: string;
  note: (text: string) => void;
}): Promise<void> {
  if (options.yes) return;
  if (!options.stdin.isTTY) {
    throw new UsageError(`${options.question} Nothing was changed: not at a terminal, so run it again with --yes to confirm (${options.command} --yes).`);
  }
  const rl = createInterface({ input: options.stdin, output: process.stderr, terminal: true });
  try {
    const answer = (await rl.question(`${options.question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new UsageError('Nothing was changed.');
  } finally {
    rl.close();
  }
}
