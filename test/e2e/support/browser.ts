// Chromium for the end-to-end and bench runs: the Debian binary, headless, a fresh profile each
// time, nothing phoning home. Suites skip (with a notice) only when it is missing outside CI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { requireBinaries } from '../../support/requires';

export const chromiumPath = '/usr/bin/chromium';
/** The window's size (UI.md: about 760 × 520). */
export const windowSize = { width: 760, height: 520 };

export function chromiumAvailable(suite: string): boolean {
  return requireBinaries(suite, chromiumPath);
}

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(options: { downloadsDir?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  // launchPersistentContext is Playwright's way to pass --user-data-dir: a fresh one per launch.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: windowSize,
    acceptDownloads: true,
    ...(options.downloadsDir ? { downloadsPath: options.downloadsDir } : {}),
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
