// doctor.run and diagnostics.save over the services, as the window (and the browser harness) get
// them: the path comes from the chooser main holds (the save dialog in the app), never the page.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import { createServices } from '../../../src/main/services';
import { makeTempDir } from '../../support/temp-dir';

const memoryKeychain = (): SecretStore => {
  const values = new Map<string, string>();
  return { get: async (k, a) => values.get(`${k}/${a}`), set: async (k, a, s) => void values.set(`${k}/${a}`, s), delete: async (k, a) => void values.delete(`${k}/${a}`) };
};

describe('doctor.run / diagnostics.save handlers', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('doctor.run answers the doctor lines (nothing connected: those fail, the local checks pass)', async () => {
    const services = createServices({ dataDir: dir, env: {}, keychain: memoryKeychain() });
    const report = await services.handlers['doctor.run'](undefined);
    const byName = new Map(report.checks.map((c) => [c.name, c]));
    expect(byName.get('iCloud discovery')).toMatchObject({ status: 'fail', message: 'iCloud is not connected.' });
    expect(byName.get('keychain')?.status).toBe('pass');
    expect(byName.get('data directory')?.status).toBe('pass');
    expect(report.checks.every((c) => !('cause' in c))).toBe(true); // internal, never sent to the page
  });

  it('diagnostics.save writes where the chooser says, and says so; a cancelled dialog writes nothing', async () => {
    const out = path.join(dir, 'chosen.json');
    const asked: string[] = [];
    const services = createServices({ dataDir: dir, env: {}, keychain: memoryKeychain(), chooseDiagnosticsFile: async (name) => (asked.push(name), out) });
    expect(await services.handlers['diagnostics.save']({ includeTitles: false })).toEqual({ saved: true, path: out });
    expect(asked[0]).toMatch(/^icloud-sync-diagnostics-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(await fs.readFile(out, 'utf8'))).toMatchObject({ format: 'icloud-sync-diagnostics', redaction: { titles: 'placeholders' } });

    services.shell.setDiagnosticsFileChooser?.(async () => undefined);
    await fs.rm(out);
    expect(await services.handlers['diagnostics.save']({ includeTitles: true })).toEqual({ saved: false });
    await expect(fs.access(out)).rejects.toThrow();
  });
});
