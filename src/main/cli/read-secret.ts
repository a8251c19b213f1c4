// Reading a secret for `connect`: from the environment (cli.md overrides), from stdin with
// --password-stdin / --token-stdin, or from a prompt that does not echo. Never printed or logged.
import { UsageError } from './exit-codes';

export async function readSecret(options: {
  envValue: string | undefined;
  fromStdin: boolean;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  prompt: string;
  note: (text: string) => void;
}): Promise<string> {
  if (options.envValue) return options.envValue;
  if (options.fromStdin) {
    let text = '';
    for await (const chunk of options.stdin) text += chunk.toString();
    const secret = text.replace(/\r?\n$/, '');
    if (!secret) throw new UsageError('Nothing was read from standard input.');
    return secret;
  }
  if (!options.stdin.isTTY || !options.stdin.setRawMode) {
    throw new UsageError(`${options.prompt}: use --password-stdin / --token-stdin or the environment variable when not at a terminal.`);
  }
  return promptHidden(options.stdin as NodeJS.ReadStream, options.prompt, options.note);
}

function promptHidden(stdin: NodeJS.ReadStream, prompt: string, note: (text: string) => void): Promise<string> {
  note(`${prompt}: `);
  return new Promise((resolve, reject) => {
    let secret = '';
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(() => resolve(secret));
        if (char === '\u0003') return done(() => reject(new UsageError('Cancelled.')));
        if (char === '\u007f') secret = secret.slice(0, -1);
        else secret += char;
      }
    };
    const done = (finish: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      note('');
      finish();
    };
    stdin.on('data', onData);
  });
}
