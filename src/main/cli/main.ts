// The `icloud-sync` executable (under plain node): runs the CLI against the real process streams.
import { runCliOnProcess } from './process-io';

process.exitCode = await runCliOnProcess(process.argv.slice(2));
