// The CLI contract (cli.md) for the foundation: --help, status, get/set, exit codes, --json.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('icloud-sync CLI basics', () => {
  it('status --json prints one JSON document saying nothing is connected', async () => {
    const run = await runCliProcess(['--data-dir', dir, 'status', '--json']);
    expect(run.code).toBe(0);
    const status = run.json<Record<string, any>>();
    expect(status.icloud.connected).toBe(false);
    expect(status.platform.connected).toBe(false);
    expect(status.counts).toEqual({ pairs: 0, conflicts: 0, attention: 0 });
  });

  it('set interval banana exits 2 naming the key and what it accepts', async () => {
    const run = await runCliProcess(['--data-dir', dir, 'set', 'interval', 'banana']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/interval/);
    expect(run.stderr).toMatch(/whole number from 1 to 1440/);
  });

  it('set then get round-trips through the data directory, as text and JSON', async () => {
    expect((await runCliProcess(['--data-dir', dir, 'set', 'conflictPolicy', 'newest'])).code).toBe(0);
    const one = await runCliProcess(['--data-dir', dir, 'get', 'conflictPolicy']);
    expect(one.stdout.trim()).toBe('newest');
    const all = await runCliProcess(['--data-dir', dir, '--json', 'get']);
    expect(all.json()).toMatchObject({ conflictPolicy: 'newest', interval: 5, futureDays: 90 });
    const state = JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8'));
    expect(state.settings.conflictPolicy).toBe('newest');
  });

  it('reads the data directory from ICLOUD_SYNC_DATA_DIR', async () => {
    await runCliProcess(['set', 'pastDays', '3'], { env: { ICLOUD_SYNC_DATA_DIR: dir } });
    const run = await runCliProcess(['--data-dir', dir, 'get', 'pastDays']);
    expect(run.stdout.trim()).toBe('3');
  });

  it('an unknown key, command or option is bad usage (exit 2); --json errors are JSON', async () => {
    const key = await runCliProcess(['--data-dir', dir, '--json', 'set', 'colour', 'blue']);
    expect(key.code).toBe(2);
    expect(key.json()).toEqual({ error: { kind: 'item', message: expect.stringContaining('Unknown setting "colour"') } });
    expect((await runCliProcess(['--data-dir', dir, 'frobnicate'])).code).toBe(2);
    expect((await runCliProcess(['--data-dir', dir, 'status', '--bogus'])).code).toBe(2);
  });

  it('--help lists the commands, the exit codes and the secret variables', async () => {
    const run = await runCliProcess(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/status/);
    expect(run.stdout).toMatch(/ICLOUD_SYNC_APP_PASSWORD/);
    expect(run.stdout).toMatch(/3 credentials rejected/);
  });

  it('a corrupt state file is reported by status and kept aside', async () => {
    await fs.writeFile(path.join(dir, 'state.json'), 'not json');
    const run = await runCliProcess(['--data-dir', dir, 'status', '--json']);
    expect(run.code).toBe(0);
    expect(run.json<{ notice: string }>().notice).toMatch(/state\.json could not be read/);
    const files = await fs.readdir(dir);
    expect(files.some((f) => f.startsWith('state.unreadable-'))).toBe(true);
  });
});
