// The harness serves the built renderer; build it once when a checkout has never been built
// (CI builds before testing, so this only runs on a fresh developer checkout).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRendererDir } from '../../support/harness/server';

export function ensureRendererBuilt(): void {
  if (existsSync(join(defaultRendererDir, 'index.html'))) return;
  console.warn('out/renderer is missing: running `npm run build` once for the browser tests.');
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: join(defaultRendererDir, '../..') });
}
