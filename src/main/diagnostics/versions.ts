// Versions for a support file: the app's own (from its package.json, found by walking up from
// this module, which works from src/ under tsx, from out/ after a build and inside the packaged
// app's asar), Node's, Electron's when running inside it, and the OS.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Versions {
  app: string;
  node: string;
  electron?: string;
  os: { platform: string; release: string; arch: string };
}

const PACKAGE_NAME = 'icloud-sync-companion';

export function appVersion(start = import.meta.dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

export function collectVersions(): Versions {
  return {
    app: appVersion(),
    node: process.versions.node,
    ...(process.versions.electron ? { electron: process.versions.electron } : {}),
    os: { platform: process.platform, release: os.release(), arch: process.arch },
  };
}
