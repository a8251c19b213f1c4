// The `icloud-sync` executable: runs the CLI against the real process streams.
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
