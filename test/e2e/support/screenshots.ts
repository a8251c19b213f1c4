// Screenshots of a view in light and dark mode, written to test-artifacts/screenshots/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const screenshotDir = resolve(import.meta.dirname, '../../../test-artifacts/screenshots');

export async function shootBothModes(page: Page, name: string): Promise<string[]> {
  mkdirSync(screenshotDir, { recursive: true });
  const files: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const file = join(screenshotDir, `${name}-${colorScheme}.png`);
    await page.screenshot({ path: file });
    files.push(file);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  return files;
}
