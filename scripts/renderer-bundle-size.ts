// The size of the window's JavaScript as electron-vite built it (out/renderer/assets/*.js): what
// the window parses on every open. bench:ui prints it as `renderer-bundle: <kB> kB (<kB> kB gzip)`
// (kB = 1000 bytes, as Vite reports it; goal: under 300 kB, under 100 kB gzip).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
  files: string[];
}

export function rendererBundleSize(rendererDir: string): BundleSize {
  const assets = join(rendererDir, 'assets');
  const files = readdirSync(assets).filter((name) => name.endsWith('.js'));
  if (files.length === 0) throw new Error(`no JavaScript in ${assets}: run \`npm run build\` first`);
  let bytes = 0;
  let gzipBytes = 0;
  for (const name of files) {
    const code = readFileSync(join(assets, name));
    bytes += code.length;
    // Level 9: what a release would be compared against; the figure is a size, not a transfer time.
    gzipBytes += gzipSync(code, { level: 9 }).length;
  }
  return { bytes, gzipBytes, files };
}

export function formatBundleLine(size: BundleSize): string {
  const kB = (n: number) => (n / 1000).toFixed(1);
  return `renderer-bundle: ${kB(size.bytes)} kB (${kB(size.gzipBytes)} kB gzip)`;
}
