// The CLI on the real process streams: the one entry both ways of running it use — `icloud-sync`
// (bin/icloud-sync.js → out/main/cli.js, under plain node) and the app's own binary given the `cli`
// argument (src/main/index.ts; the packaged app cannot run as node: its RunAsNode fuse is off).
import { runCli } from './run-cli';

export async function runCliOnProcess(args: string[]): Promise<number> {
  const code = await runCli(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    env: process.env,
  });
  // Written output may still be queued on a pipe; the caller may end the process right after.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  return code;
}
