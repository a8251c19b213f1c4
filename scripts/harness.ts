// Dev and test only: the real renderer in any browser against the real services.
//   npm run build && npm run harness -- --port 5180 --data-dir /tmp/icloud-sync-dev
// First stdout line: `harness listening on http://127.0.0.1:PORT/?token=…` (open it in Chromium).
// Secrets: ICLOUD_SYNC_APP_PASSWORD / ICLOUD_SYNC_PLATFORM_TOKEN are used when set (cli.md).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from '../test/support/harness/server';

const usage = 'usage: npm run harness -- [--port P] [--data-dir DIR] [--no-schedule]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'no-schedule': { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${usage}\n`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (0–65535). ${usage}`);
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : mkdtempSync(join(tmpdir(), 'icloud-sync-harness-'));
  const harness = await startHarness({ dataDir, port, env: process.env, schedule: !values['no-schedule'] });
  process.stdout.write(`harness listening on ${harness.url}\n`);
  process.stderr.write(`harness: data directory ${dataDir}; Ctrl-C stops it\n`);
  const stop = () => void harness.stop().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
